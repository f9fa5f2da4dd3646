import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/server/auth";
import { signOutEverywhereAction } from "@/app/(auth)/actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  const rows: [string, string][] = [
    ["Username", user.username],
    ["Time zone", user.timeZone],
    ["Study day starts", `${String(user.dayStartHour).padStart(2, "0")}:00`],
    ["New cards per day", String(user.newCardsPerDay)],
    ["Reviews per day", String(user.reviewsPerDay)],
    ["Desired retention", `${Math.round(user.desiredRetention * 100)}%`],
    ["Member since", new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: user.timeZone }).format(user.createdAt)],
  ];
  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Account</h1>
      <dl className="mt-6 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
        {rows.map(([label, value]) => (
          <div key={label} className="flex flex-wrap justify-between gap-2 px-5 py-3 text-sm">
            <dt className="text-stone-500 dark:text-stone-400">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
      <section className="mt-8 rounded-2xl border border-stone-200 bg-white px-5 py-5 dark:border-stone-800 dark:bg-stone-900">
        <h2 className="font-semibold">Sign out everywhere</h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Ends every session of this account, on every device and browser, including this one. Use it if you signed in on a shared computer.
        </p>
        <form action={signOutEverywhereAction} className="mt-4">
          <Button type="submit" variant="secondary">
            Sign out everywhere
          </Button>
        </form>
      </section>
    </main>
  );
}
