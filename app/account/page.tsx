import type { Metadata } from "next";
import { connection } from "next/server";
import { SessionsList } from "@/components/account/sessions-list";
import { SiteHeader } from "@/components/layout/site-header";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/server/auth";
import { getAccount } from "@/lib/server/users";
import { signOutAction, signOutEverywhereAction, signOutSessionAction } from "../(auth)/actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  await connection();
  const user = await requireUser();
  const account = await getAccount(user, new Date());
  const rows: [string, string][] = [
    ["Username", account.username],
    ["Time zone", account.timeZone],
    ["Study day starts", `${String(account.dayStartHour).padStart(2, "0")}:00`],
    ["New cards per day", String(account.newCardsPerDay)],
    ["Reviews per day", String(account.reviewsPerDay)],
    ["Desired retention", `${Math.round(account.desiredRetention * 100)}%`],
    ["Member since", new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: account.timeZone }).format(account.createdAt)],
  ];
  return (
    <>
      <SiteHeader username={account.username} signOutAction={signOutAction} />
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
        <section aria-labelledby="sessions" className="mt-8 rounded-2xl border border-stone-200 bg-white px-5 py-5 dark:border-stone-800 dark:bg-stone-900">
          <h2 id="sessions" className="font-semibold">Signed-in browsers</h2>
          <SessionsList sessions={account.sessions} timeZone={account.timeZone} signOutSessionAction={signOutSessionAction} />
        </section>
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
    </>
  );
}
