import { connection } from "next/server";
import { Stat } from "@/components/home/stat";
import { SiteHeader } from "@/components/layout/site-header";
import { LinkButton } from "@/components/ui/button";
import { formatDueTime, plural } from "@/lib/format";
import { requireUser } from "@/lib/server/auth";
import { getHomeSummary } from "@/lib/server/study";
import { signOutAction } from "./(auth)/actions";

export default async function HomePage() {
  await connection();
  const user = await requireUser();
  const now = new Date();
  const summary = await getHomeSummary(user.id, now);
  const toStudy = summary.dueNow + summary.newToday;

  return (
    <>
      <SiteHeader username={summary.username} signOutAction={signOutAction} />
      <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
        <h1 className="sr-only">Today</h1>
        <section aria-labelledby="today" className="rounded-3xl border border-stone-200 bg-white px-6 py-8 text-center shadow-sm sm:px-10 sm:py-12 dark:border-stone-800 dark:bg-stone-900">
          <h2 id="today" className="text-sm font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">
            Today
          </h2>
          {toStudy > 0 ? (
            <>
              <p className="mt-3 font-serif text-2xl sm:text-3xl">
                {plural(toStudy, "card")} to study
              </p>
              <LinkButton href="/review" size="lg" className="mt-6 w-full px-10 py-4 text-lg sm:w-auto" data-testid="start-review">
                Start review
              </LinkButton>
            </>
          ) : (
            <>
              <p className="mt-3 font-serif text-2xl sm:text-3xl">All done for now</p>
              <p className="mt-2 text-stone-600 dark:text-stone-400" data-testid="next-due">
                {summary.nextDue
                  ? `Next card due ${formatDueTime(summary.nextDue, now, summary.timeZone)}.`
                  : "No cards are scheduled."}
              </p>
            </>
          )}
        </section>

        <section aria-label="Counts" className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label="Due now" value={summary.dueNow} testId="due-now" emphasis={summary.dueNow > 0} />
          <Stat label="New today" value={summary.newToday} testId="new-today" />
          <Stat label="Reviewed today" value={summary.reviewedToday} testId="reviewed-today" />
          <Stat label="Day streak" value={summary.streak} testId="streak" emphasis={summary.streak > 0} />
        </section>
        <p className="mt-4 text-center text-sm text-stone-500 dark:text-stone-400">
          {summary.learningLaterToday > 0 ? `${plural(summary.learningLaterToday, "learning card")} back later today · ` : ""}
          {plural(summary.totalCards, "card")} in your collection · longest streak {plural(summary.longestStreak, "day")}
        </p>
      </main>
    </>
  );
}
