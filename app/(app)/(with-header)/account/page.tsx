import type { Metadata } from "next";
import { ChangePasswordForm, ChangeUsernameForm, DeleteAccountForm } from "@/components/account/account-forms";
import { InvitesPanel } from "@/components/account/invites-panel";
import { SessionsList } from "@/components/account/sessions-list";
import { Button, LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { signOutEverywhereAction, signOutSessionAction } from "@/app/(auth)/actions";
import { requireUser } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
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
  const [account, invites, invitableDecks] = await Promise.all([
    getAccount(user, now),
    listInvites(user.id, now),
    listInvitableDecks(),
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
      <Card as="section" aria-labelledby="your-data" className="mt-8 px-5 py-5">
        <h2 id="your-data" className="font-semibold">
          Your data
        </h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Download a full backup of your account or restore one, and download your decks (Mesa markdown, Anki package), your cards
          (Anki TSV) and your review log (CSV).
        </p>
        <LinkButton href="/account/data" variant="secondary" className="mt-4" data-testid="your-data-link">
          Your data: backup and downloads
        </LinkButton>
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
