import type { ActionResult } from "@/lib/types/actions";
import type { SessionDTO } from "@/lib/types/sessions";
import { SignOutSessionForm } from "./sign-out-session-form";

type SignOutSession = (state: ActionResult | null, data: FormData) => Promise<ActionResult | null>;

/** The browsers signed in to this account, each with its own "Sign out". Times in the user's zone. */
export function SessionsList({
  sessions,
  timeZone,
  signOutSessionAction,
}: {
  sessions: SessionDTO[];
  timeZone: string;
  signOutSessionAction: SignOutSession;
}) {
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <ul className="mt-4 divide-y divide-stone-200 dark:divide-stone-800" data-testid="sessions">
      {sessions.map((session) => (
        <li
          key={session.id}
          className="flex flex-wrap items-center justify-between gap-3 py-3"
          data-testid="session"
          data-current={session.current || undefined}
        >
          <div className="min-w-0 text-sm">
            <p className="font-medium">
              {session.browser}
              {session.current ? (
                <span className="ml-2 rounded-full bg-accent-50 px-2 py-0.5 text-xs font-medium text-accent-700 dark:bg-accent-700/20 dark:text-accent-300">
                  This browser
                </span>
              ) : null}
            </p>
            <p className="text-stone-500 dark:text-stone-400">
              Signed in {when.format(session.createdAt)} · last seen {when.format(session.lastSeenAt)}
            </p>
          </div>
          <SignOutSessionForm
            sessionId={session.id}
            label={`${session.browser}${session.current ? ", this browser" : ""}, signed in ${when.format(session.createdAt)}`}
            action={signOutSessionAction}
          />
        </li>
      ))}
    </ul>
  );
}
