import type { Metadata } from "next";
import { ChangePasswordForm, ChangeUsernameForm, DeleteAccountForm } from "@/components/account/account-forms";
import { InvitesPanel } from "@/components/account/invites-panel";
import { AccountDownloadLinks, DeckDownloadLinks } from "@/components/export/download-links";
import { SessionsList } from "@/components/account/sessions-list";
import { Button, LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { signOutEverywhereAction, signOutSessionAction } from "@/app/(auth)/actions";
import { requireUser } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { listExportableDecks } from "@/lib/server/exports";
import { listInvitableDecks, listInvites } from "@/lib/server/invites";
import { getAccount } from "@/lib/server/users";
import {
  changePasswordAction,
  changeUsernameAction,
  createInviteAction,
  deleteAccountAction,
  revokeInviteAction,
} from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  const now = serverNow();
  const [account, invites, invitableDecks, exportableDecks] = await Promise.all([
    getAccount(user, now),
    listInvites(user.id, now),
    listInvitableDecks(),
    listExportableDecks(user.id),
  ]);
  const rows: [string, string][] = [
    ["Username", account.username],
    ["Time zone", account.timeZone],
    ["Study day starts", `${String(account.dayStartHour).padStart(2, "0")}:00`],
    ["New cards per day", String(account.newCardsPerDay)],
    ["Reviews per day", String(account.reviewsPerDay)],
    ["Desired retention", `${Math.round(account.desiredRetention * 100)}%`],
    [
      "Member since",
      new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: account.timeZone }).format(account.createdAt),
    ],
  ];
  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Account</h1>
      <LinkButton href="/settings" variant="secondary" className="mt-4" data-testid="study-settings-link">
        Change study settings
      </LinkButton>
      <Card as="dl" className="mt-6 divide-y divide-stone-200 dark:divide-stone-800">
        {rows.map(([label, value]) => (
          <div key={label} className="flex flex-wrap justify-between gap-2 px-5 py-3 text-sm">
            <dt className="text-stone-500 dark:text-stone-400">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </Card>
      <Card as="section" aria-labelledby="password" className="mt-8 px-5 py-5">
        <h2 id="password" className="font-semibold">
          Change password
        </h2>
        <ChangePasswordForm username={account.username} action={changePasswordAction} />
      </Card>
      <Card as="section" aria-labelledby="username" className="mt-8 px-5 py-5">
        <h2 id="username" className="font-semibold">
          Change username
        </h2>
        <ChangeUsernameForm username={account.username} action={changeUsernameAction} />
      </Card>
      <Card as="section" aria-labelledby="sessions" className="mt-8 px-5 py-5">
        <h2 id="sessions" className="font-semibold">
          Signed-in browsers
        </h2>
        <SessionsList sessions={account.sessions} timeZone={account.timeZone} signOutSessionAction={signOutSessionAction} />
      </Card>
      <Card as="section" aria-labelledby="invites" className="mt-8 px-5 py-5">
        <h2 id="invites" className="font-semibold">
          Invite a reading group
        </h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          People who sign up through an invite link skip the limit on new accounts from one network, and start on the decks you
          choose.
        </p>
        <InvitesPanel
          decks={invitableDecks}
          invites={invites}
          timeZone={account.timeZone}
          createAction={createInviteAction}
          revokeAction={revokeInviteAction}
        />
      </Card>
      <Card as="section" aria-labelledby="everywhere" className="mt-8 px-5 py-5">
        <h2 id="everywhere" className="font-semibold">
          Sign out everywhere
        </h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Ends every session of this account, on every device and browser, including this one. Use it if you signed in on a shared
          computer.
        </p>
        <form action={signOutEverywhereAction} className="mt-4">
          <Button type="submit" variant="secondary">
            Sign out everywhere
          </Button>
        </form>
      </Card>
      <Card as="section" aria-labelledby="export" className="mt-8 px-5 py-5">
        <h2 id="export" className="font-semibold">
          Export
        </h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Your cards as a file Anki imports (tab-separated, with Anki’s headers), and your review log as CSV in the columns the
          FSRS optimizer tools read, so you can check Mesa’s scheduling with them. Resets, reschedules and imported history are
          left out of the log: they are not answers.
        </p>
        <div className="mt-4">
          <AccountDownloadLinks />
        </div>
        {exportableDecks.length > 0 ? (
          <>
            <h3 className="mt-6 text-sm font-semibold">Decks</h3>
            <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
              Mesa markdown is the format Mesa’s own decks are written in, every field kept; a built-in deck comes with your own
              wording where you changed it. The Anki package adds your cards’ schedules and every review.
            </p>
            <ul className="mt-3 divide-y divide-stone-200 dark:divide-stone-800" data-testid="export-decks">
              {exportableDecks.map((deck) => (
                <li key={deck.id} className="space-y-2 py-3">
                  <p className="text-sm font-medium break-words">
                    {deck.title}
                    {deck.builtIn ? <span className="ml-2 font-normal text-stone-500 dark:text-stone-400">built-in</span> : null}
                  </p>
                  <DeckDownloadLinks deckId={deck.id} testId={`export-deck-${deck.id}`} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>
      <Card as="section" aria-labelledby="delete-account" className="mt-8 px-5 py-5">
        <h2 id="delete-account" className="font-semibold text-red-700 dark:text-red-300">
          Delete my account
        </h2>
        <DeleteAccountForm username={account.username} action={deleteAccountAction} />
      </Card>
    </main>
  );
}
