import type { Metadata } from "next";
import { DeckChoiceButton } from "@/components/decks/deck-choice-button";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { plural, WORDS } from "@/lib/format";
import { requireUser } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { listDecksForUser } from "@/lib/server/enrolments";
import type { DeckSummaryDTO } from "@/lib/types/decks";
import { OwnDeckForm } from "@/components/decks/own-deck-form";
import { DECKS_PER_USER_MAX } from "@/lib/validation/authoring-limits";
import { startStudyingDeckAction, stopStudyingDeckAction } from "./actions";
import { createOwnDeckAction } from "./mine/actions";

export const metadata: Metadata = { title: "Decks" };

const STATUS_LABEL: Record<DeckSummaryDTO["status"], string> = {
  studying: "Studying",
  stopped: "Stopped",
  available: "Not added",
};

function DeckPanel({ deck }: { deck: DeckSummaryDTO }) {
  const studying = deck.status === "studying";
  const percent = deck.cardsTotal > 0 ? Math.round((deck.cardsStudied / deck.cardsTotal) * 100) : 0;
  return (
    <Card as="li" className="px-5 py-5 sm:px-6" data-testid={`deck-${deck.slug}`} aria-labelledby={`deck-title-${deck.slug}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={`deck-title-${deck.slug}`} className="font-serif text-xl font-semibold">
          {deck.title}
        </h2>
        <span
          data-testid="deck-status"
          className={
            studying
              ? "text-xs font-medium tracking-wide text-accent-700 uppercase dark:text-accent-300"
              : "text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400"
          }
        >
          {STATUS_LABEL[deck.status]}
        </span>
      </div>
      {deck.sourceTitle ? (
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Source:{" "}
          {deck.sourceUrl ? (
            <a
              href={deck.sourceUrl}
              className="underline decoration-stone-300 underline-offset-2 hover:text-stone-900 dark:decoration-stone-600 dark:hover:text-stone-100"
            >
              {deck.sourceTitle}
            </a>
          ) : (
            deck.sourceTitle
          )}
        </p>
      ) : null}
      {deck.description ? (
        <p className="mt-3 text-sm leading-relaxed text-stone-700 dark:text-stone-300">{deck.description}</p>
      ) : null}

      <dl className="mt-4 grid grid-cols-3 gap-3 text-sm">
        <div>
          <dt className="text-stone-500 dark:text-stone-400">Concepts</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="deck-concepts">
            {deck.conceptCount}
          </dd>
        </div>
        {deck.cardsTotal > 0 ? (
          <>
            <div>
              <dt className="text-stone-500 dark:text-stone-400">Studied</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid="deck-studied">
                {deck.cardsStudied}
                <span className="text-sm font-normal text-stone-500 dark:text-stone-400"> / {deck.cardsTotal}</span>
              </dd>
            </div>
            <div>
              <dt className="text-stone-500 dark:text-stone-400">Due today</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid="deck-due">
                {deck.dueToday}
              </dd>
            </div>
          </>
        ) : (
          <div className="col-span-2">
            <dt className="text-stone-500 dark:text-stone-400">Cards</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid="deck-studied">
              {deck.builtIn ? 2 * deck.conceptCount : deck.cardsTotal}
              <span className="text-sm font-normal text-stone-500 dark:text-stone-400">
                {deck.builtIn ? " when you add it" : ""}
              </span>
            </dd>
          </div>
        )}
      </dl>
      {deck.cardsTotal > 0 ? (
        <div
          className="mt-3 h-1.5 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800"
          role="img"
          aria-label={`${deck.cardsStudied} of ${plural(deck.cardsTotal, WORDS.card)} studied`}
        >
          <div className="h-full rounded-full bg-accent-500" style={{ width: `${percent}%` }} />
        </div>
      ) : null}

      <div className="mt-5 flex flex-wrap items-start gap-2">
        {deck.builtIn ? null : (
          <LinkButton href={`/decks/mine/${deck.id}`} variant="secondary" data-testid="open-deck">
            Open deck
          </LinkButton>
        )}
        {studying ? (
          <>
            <LinkButton href={`/review?deck=${encodeURIComponent(deck.slug)}`} variant="secondary" data-testid="review-deck">
              Review only this deck
            </LinkButton>
            <DeckChoiceButton
              deckId={deck.id}
              action={stopStudyingDeckAction}
              label="Stop studying"
              pendingLabel="Stopping…"
              variant="ghost"
              testId="stop-deck"
            />
          </>
        ) : (
          <DeckChoiceButton
            deckId={deck.id}
            action={startStudyingDeckAction}
            label="Study this deck"
            pendingLabel="Adding deck…"
            testId="study-deck"
          />
        )}
      </div>
      {deck.status === "stopped" && deck.cardsStudied > 0 ? (
        <p className="mt-3 text-sm text-stone-500 dark:text-stone-400">
          Your progress is kept: studying again brings the cards back as they were.
        </p>
      ) : null}
    </Card>
  );
}

export default async function DecksPage() {
  const user = await requireUser();
  const decks = await listDecksForUser(user.id, serverNow());
  const builtIn = decks.filter((deck) => deck.builtIn);
  const own = decks.filter((deck) => !deck.builtIn);
  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Decks</h1>
      <p className="mt-2 text-stone-600 dark:text-stone-400">
        Choose what you study. Stopping a deck hides its cards from reviews and counts; your progress is kept.
      </p>
      <ul className="mt-6 space-y-4">
        {builtIn.map((deck) => (
          <DeckPanel key={deck.id} deck={deck} />
        ))}
      </ul>

      <section aria-labelledby="own-decks" className="mt-12">
        <h2 id="own-decks" className="font-serif text-2xl font-semibold">
          Your decks
        </h2>
        <p className="mt-2 text-stone-600 dark:text-stone-400">
          Write concepts from your own reading: they are studied, quizzed and counted like the built-in ones, and seen by you
          alone. Up to {DECKS_PER_USER_MAX} decks.
        </p>
        <p className="mt-3 flex flex-wrap gap-2">
          <LinkButton href="/import" variant="secondary" data-testid="import-notes">
            Import notes
          </LinkButton>
          <LinkButton href="/account/data" variant="secondary" data-testid="your-data">
            Export and back up
          </LinkButton>
        </p>
        {own.length > 0 ? (
          <ul className="mt-6 space-y-4">
            {own.map((deck) => (
              <DeckPanel key={deck.id} deck={deck} />
            ))}
          </ul>
        ) : null}
        <Card as="div" className="mt-6 px-5 py-5 sm:px-6">
          <h3 className="font-semibold">New deck</h3>
          <div className="mt-3">
            <OwnDeckForm createAction={createOwnDeckAction} />
          </div>
        </Card>
      </section>
    </main>
  );
}
