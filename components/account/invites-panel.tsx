"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/types/actions";
import type { InvitableDeckDTO, InviteDTO } from "@/lib/types/invites";
import { INVITE_DAYS, INVITE_USES_MAX } from "@/lib/validation/invite-limits";

type Days = (typeof INVITE_DAYS)[number];
type CreateInvite = (input: { days: Days; maxUses: number; deckIds: string[] }) => Promise<ActionResult<{ code: string }>>;
type RevokeInvite = (input: { inviteId: string }) => Promise<ActionResult<void>>;

const SELECT =
  "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 shadow-sm focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100";

function subscribeToNothing() {
  return () => {};
}

/** The page's origin, for the link to copy (the server render has none). */
function useOrigin(): string {
  return useSyncExternalStore(
    subscribeToNothing,
    () => window.location.origin,
    () => "",
  );
}

function dateText(when: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(when);
}

/**
 * Invite links for a reading group: make one (how long it works, how many people, which decks),
 * copy it once, and see or withdraw the ones made before.
 */
export function InvitesPanel({
  decks,
  invites,
  timeZone,
  createAction,
  revokeAction,
}: {
  decks: InvitableDeckDTO[];
  invites: InviteDTO[];
  timeZone: string;
  createAction: CreateInvite;
  revokeAction: RevokeInvite;
}) {
  const router = useRouter();
  const origin = useOrigin();
  const [days, setDays] = useState<Days>(7);
  const [maxUses, setMaxUses] = useState("20");
  const [chosen, setChosen] = useState<string[]>([]);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const create = () =>
    startTransition(async () => {
      const result = await createAction({ days, maxUses: Number(maxUses), deckIds: chosen });
      if (result.ok) {
        setError(null);
        setLink(`${origin}/sign-up?invite=${result.data.code}`);
        router.refresh();
      } else {
        setError({
          message: result.fieldErrors?.maxUses?.[0] ?? result.error,
          field: result.fieldErrors?.maxUses ? "maxUses" : undefined,
        });
      }
    });

  return (
    <div className="mt-4 space-y-6">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          create();
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1.5">
            <label htmlFor="invite-days" className="block text-sm font-medium text-stone-700 dark:text-stone-300">
              Works for
            </label>
            <select id="invite-days" className={SELECT} value={days} onChange={(e) => setDays(Number(e.target.value) as Days)}>
              {INVITE_DAYS.map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? "1 day" : `${d} days`}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="People who may use it"
            name="maxUses"
            inputMode="numeric"
            value={maxUses}
            onChange={(e) => setMaxUses(e.target.value)}
            error={error?.field === "maxUses" ? error.message : undefined}
            hint={`1 to ${INVITE_USES_MAX}.`}
          />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-stone-700 dark:text-stone-300">Decks to start them on</legend>
          <p className="text-sm text-stone-500 dark:text-stone-400">Besides the deck every new account starts with.</p>
          <div className="mt-2 space-y-2">
            {decks.map((deck) => (
              <label key={deck.id} htmlFor={`invite-deck-${deck.id}`} className="flex items-center gap-3 text-sm">
                <input
                  id={`invite-deck-${deck.id}`}
                  type="checkbox"
                  checked={chosen.includes(deck.id)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, deck.id] : chosen.filter((id) => id !== deck.id))}
                  className="accent-accent-600"
                />
                {deck.title}
              </label>
            ))}
          </div>
        </fieldset>
        {error && !error.field ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {error.message}
          </p>
        ) : null}
        <Button type="submit" disabled={pending} data-testid="create-invite">
          {pending ? "Making the link…" : "Make an invite link"}
        </Button>
      </form>

      {link ? (
        <div
          role="status"
          className="rounded-lg border border-accent-100 bg-accent-50 px-4 py-3 text-sm dark:border-accent-700/40 dark:bg-accent-700/10"
        >
          <p className="font-medium text-accent-700 dark:text-accent-300">
            Your invite link. Copy it now: it is shown only once.
          </p>
          <input
            readOnly
            aria-label="Invite link"
            data-testid="invite-link"
            value={link}
            onFocus={(e) => e.target.select()}
            className="mt-2 block w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 font-mono text-xs text-stone-900 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
          />
        </div>
      ) : null}

      {invites.length > 0 ? (
        <ul className="divide-y divide-stone-200 dark:divide-stone-800" data-testid="invites">
          {invites.map((invite) => (
            <li key={invite.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-medium">
                  {invite.uses} of {invite.maxUses} used · <span data-testid="invite-status">{invite.status}</span>
                </p>
                <p className="text-stone-500 dark:text-stone-400">
                  {invite.status === "expired" ? "Expired" : "Works until"} {dateText(invite.expiresAt, timeZone)}
                  {invite.decks.length > 0 ? ` · ${invite.decks.join(", ")}` : ""}
                </p>
              </div>
              {invite.status === "active" ? (
                <Button
                  type="button"
                  variant="secondary"
                  disabled={pending}
                  data-testid="revoke-invite"
                  onClick={() =>
                    startTransition(async () => {
                      const result = await revokeAction({ inviteId: invite.id });
                      if (result.ok) router.refresh();
                      else setError({ message: result.error });
                    })
                  }
                >
                  Withdraw
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
