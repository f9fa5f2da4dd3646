import { DeckChoiceButton } from "@/components/decks/deck-choice-button";
import { GoalChooser } from "@/components/home/goal-chooser";
import { LeechList } from "@/components/home/leech-list";
import { QuizEntry } from "@/components/quiz/quiz-entry";
import { StreakPanel } from "@/components/home/streak-panel";
import { HeldBackNotice } from "@/components/study/held-back-notice";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Stat, StatList } from "@/components/ui/stat";
import { formatDueTime, plural, WORDS } from "@/lib/format";
import { requireUser } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { listNewDecks } from "@/lib/server/enrolments";
import { listLeeches } from "@/lib/server/leeches";
import { isDailyGoalUnchosen } from "@/lib/server/settings";
import { getStreakSummary } from "@/lib/server/streaks";
import { getHomeSummary } from "@/lib/server/study/home";
import { addExtraNewCardsAction } from "../review/actions";
import { chooseDailyGoalAction } from "./settings/actions";
import { startStudyingDeckAction, stopStudyingDeckAction } from "./decks/actions";

export default async function HomePage() {
  const user = await requireUser();
  const now = serverNow();
  const [summary, streak, newDecks, askForGoal, leeches] = await Promise.all([
    getHomeSummary(user.id, now),
    getStreakSummary(user.id, now),
    listNewDecks(user.id),
    isDailyGoalUnchosen(user.id),
    listLeeches(user.id),
  ]);
  const toStudy = summary.dueNow + summary.newToday;

  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <h1 className="sr-only">Today</h1>
      {askForGoal ? <GoalChooser action={chooseDailyGoalAction} /> : null}
      {newDecks.map((deck) => (
        <Card
          key={deck.id}
          as="section"
          aria-label={`New deck available: ${deck.title}`}
          className="mb-6 flex flex-wrap items-center justify-between gap-3 px-5 py-4"
          data-testid="new-deck"
        >
          <p className="text-sm">
            <span className="font-medium">New deck available:</span> {deck.title}{" "}
            <span className="text-stone-500 dark:text-stone-400">({plural(deck.conceptCount, WORDS.concept)})</span>
          </p>
          <span className="flex gap-2">
            <DeckChoiceButton
              deckId={deck.id}
              action={startStudyingDeckAction}
              label="Add"
              pendingLabel="Adding…"
              testId="add-new-deck"
            />
            <DeckChoiceButton
              deckId={deck.id}
              action={stopStudyingDeckAction}
              label="Not now"
              pendingLabel="Hiding…"
              variant="ghost"
              testId="dismiss-new-deck"
            />
          </span>
        </Card>
      ))}
      <Card as="section" size="lg" aria-labelledby="today" className="px-6 py-8 text-center sm:px-10 sm:py-12">
        <h2 id="today" className="text-sm font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">
          Today
        </h2>
        {toStudy > 0 ? (
          <>
            <p className="mt-3 font-serif text-2xl sm:text-3xl">{plural(toStudy, WORDS.card)} to study</p>
            <LinkButton href="/review" size="lg" className="mt-6 w-full px-10 py-4 text-lg sm:w-auto" data-testid="start-review">
              Start review
            </LinkButton>
          </>
        ) : (
          <>
            <p className="mt-3 font-serif text-2xl sm:text-3xl">
              {summary.heldBack ? "Today’s new cards are done" : "All done for now"}
            </p>
            {/* With new cards held back, the notice below says when they come; a review due sooner is still named. */}
            {summary.heldBack && (!summary.nextDue || summary.nextDue >= summary.heldBack.nextNewAt) ? null : (
              <p className="mt-2 text-stone-600 dark:text-stone-400" data-testid="next-due">
                {summary.nextDue
                  ? `Next card due ${formatDueTime(summary.nextDue, now, summary.timeZone)}.`
                  : "No cards are scheduled."}
              </p>
            )}
            {summary.heldBack ? (
              <HeldBackNotice heldBack={summary.heldBack} now={now} timeZone={summary.timeZone} action={addExtraNewCardsAction} />
            ) : null}
          </>
        )}
      </Card>

      <StreakPanel streak={streak} />

      <StatList label="Counts" className="mt-6">
        <Stat framed label="Due now" value={summary.dueNow} testId="due-now" emphasis={summary.dueNow > 0} />
        <Stat framed label="New today" value={summary.newToday} testId="new-today" />
        <Stat framed label="Reviewed today" value={summary.reviewedToday} testId="reviewed-today" />
      </StatList>
      <p className="mt-4 text-center text-sm text-stone-500 dark:text-stone-400">
        {summary.learningLaterToday > 0
          ? `${plural(summary.learningLaterToday, { one: "learning card", other: "learning cards" })} back later today · `
          : ""}
        {plural(summary.totalCards, WORDS.card)} in your collection
      </p>
      <LeechList list={leeches} />
      <QuizEntry />
    </main>
  );
}
