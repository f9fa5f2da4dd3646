import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteDeckForm } from "@/components/decks/delete-deck-form";
import { DeckDownloadLinks } from "@/components/export/download-links";
import { OwnDeckForm } from "@/components/decks/own-deck-form";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NavLink } from "@/components/ui/nav-link";
import { plural, WORDS } from "@/lib/format";
import { requireUser } from "@/lib/server/auth";
import { NotFoundError } from "@/lib/server/errors";
import { getOwnDeckPage } from "@/lib/server/own-decks";
import { CONCEPTS_PER_DECK_MAX } from "@/lib/validation/authoring-limits";
import { DeckIdSchema } from "@/lib/validation/authoring";
import { deleteOwnDeckAction, updateOwnDeckAction } from "../actions";

export const metadata: Metadata = { title: "Your deck" };

const KINDS = { BOTH: "2 cards", TERM_TO_DEFINITION: "Term → definition", DEFINITION_TO_TERM: "Definition → term" } as const;

export default async function OwnDeckPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const input = DeckIdSchema.safeParse({ deckId: (await params).id });
  if (!input.success) notFound();
  const page = await getOwnDeckPage(user.id, input.data.deckId).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { deck, concepts } = page;
  const full = concepts.length >= CONCEPTS_PER_DECK_MAX;

  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <nav aria-label="Back" className="-ml-2 mb-4 flex flex-wrap gap-1 text-sm">
        <NavLink href="/decks" size="sm">
          ← Decks
        </NavLink>
      </nav>
      <p className="text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">Your deck</p>
      <h1 className="mt-1 font-serif text-3xl font-semibold break-words">{deck.title}</h1>
      {deck.description ? <p className="mt-2 text-stone-600 dark:text-stone-400">{deck.description}</p> : null}

      <section aria-labelledby="concepts" className="mt-8">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="concepts" className="font-serif text-2xl font-semibold">
            {plural(concepts.length, WORDS.concept)}
          </h2>
          {full ? (
            <p className="text-sm text-stone-600 dark:text-stone-400">
              This deck has {CONCEPTS_PER_DECK_MAX} concepts, the most a deck may have.
            </p>
          ) : (
            <LinkButton href={`/decks/mine/${deck.id}/concepts/new`} data-testid="new-concept">
              New concept
            </LinkButton>
          )}
        </div>
        {concepts.length === 0 ? (
          <p className="mt-4 text-stone-600 dark:text-stone-400">
            No concepts yet. Each concept you add makes its cards at once: they join your reviews as new cards.
          </p>
        ) : (
          <ul className="mt-4 divide-y divide-stone-200 dark:divide-stone-800" data-testid="own-concepts">
            {concepts.map((concept) => (
              <li key={concept.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
                <div className="min-w-0">
                  <Link
                    href={`/decks/mine/${deck.id}/concepts/${concept.id}`}
                    className="font-medium underline-offset-2 hover:underline"
                  >
                    {concept.term}
                  </Link>
                  <p className="text-sm break-words text-stone-600 dark:text-stone-400">{concept.excerpt}</p>
                </div>
                <div className="flex shrink-0 gap-3 text-sm text-stone-500 dark:text-stone-400">
                  <span>{KINDS[concept.cardKinds]}</span>
                  {concept.cardId ? (
                    <Link href={`/cards/${concept.cardId}`} className="underline underline-offset-2 hover:text-accent-600">
                      History
                    </Link>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Card as="section" aria-labelledby="deck-details" className="mt-10 px-5 py-5 sm:px-6">
        <h2 id="deck-details" className="font-semibold">
          Title and description
        </h2>
        <div className="mt-3">
          <OwnDeckForm deck={deck} updateAction={updateOwnDeckAction} />
        </div>
      </Card>

      <Card as="section" aria-labelledby="export-deck" className="mt-6 px-5 py-5 sm:px-6">
        <h2 id="export-deck" className="font-semibold">
          Export
        </h2>
        <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
          Mesa markdown is the format Mesa’s own decks are written in, with every field of your concepts. The Anki package holds
          the concepts as Anki notes with your cards’ schedules and every review you gave them.
        </p>
        <div className="mt-3">
          <DeckDownloadLinks deckId={deck.id} />
        </div>
      </Card>

      <Card as="section" aria-labelledby="delete-deck" className="mt-6 px-5 py-5 sm:px-6">
        <h2 id="delete-deck" className="font-semibold text-red-700 dark:text-red-300">
          Delete this deck
        </h2>
        <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
          Deleting is permanent: its {plural(concepts.length, WORDS.concept)}, their cards and every review of them are gone for
          good. Download a copy first if you may want them back.
        </p>
        <div className="mt-3">
          <DeckDownloadLinks deckId={deck.id} testId="delete-deck-export" />
        </div>
        <div className="mt-4">
          <DeleteDeckForm deck={deck} action={deleteOwnDeckAction} />
        </div>
      </Card>
    </main>
  );
}
