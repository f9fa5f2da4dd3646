import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MemoryState } from "@/components/cards/memory-state";
import { ReviewTimeline } from "@/components/cards/review-timeline";
import { ConceptDefinition, ConceptExamples, ConceptSource, WordingNote } from "@/components/concepts/concept-details";
import { OriginalChangeSeen, RewordForm } from "@/components/concepts/reword-form";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NavLink } from "@/components/ui/nav-link";
import { plural, WORDS } from "@/lib/format";
import { safeBackHref } from "@/lib/search/list-url";
import { requireUser } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { getCardHistory } from "@/lib/server/cards";
import { NotFoundError } from "@/lib/server/errors";
import { CardIdSchema } from "@/lib/validation/stats";
import { revertWordingAction, saveWordingAction, wordingSeenAction } from "./actions";

export const metadata: Metadata = { title: "Card history" };

export default async function CardHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const id = CardIdSchema.safeParse((await params).id);
  // Opened from the card browser: the way back keeps its search (only a /cards address is taken).
  const backToList = safeBackHref((await searchParams).back);
  if (!id.success) notFound();
  const now = serverNow();
  const card = await getCardHistory(user.id, id.data, now).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const kept = card.reviews.filter((review) => !review.undone).length;

  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      {/* The page is opened from a card under review (its History link) or from the card browser, and leads back there. */}
      <nav aria-label="Back" className="-ml-2 mb-4 flex flex-wrap gap-1 text-sm">
        {backToList ? (
          <NavLink href={backToList} size="sm" data-testid="back-to-list">
            ← Back to the list
          </NavLink>
        ) : (
          <NavLink href="/review" size="sm" data-testid="back-to-review">
            ← Back to review
          </NavLink>
        )}
        <NavLink href="/decks" size="sm">
          Decks
        </NavLink>
      </nav>
      <p className="text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">
        {card.deckTitle} · {card.kind === "TERM_TO_DEFINITION" ? "Term → definition" : "Definition → term"}
      </p>
      <h1 className="mt-2 font-serif text-3xl leading-tight font-semibold sm:text-4xl">{card.term}</h1>
      {card.aliases.length > 0 ? (
        <p className="mt-2 text-sm text-stone-500 dark:text-stone-400">Also called: {card.aliases.join(", ")}</p>
      ) : null}
      <div className="mt-4">
        <ConceptDefinition html={card.definitionHtml} className="font-serif text-lg leading-relaxed sm:text-xl" />
      </div>
      <ConceptExamples examples={card.examplesHtml} />
      <ConceptSource concept={card} className="mt-4" />
      {card.wording ? <WordingNote wording={card.wording} /> : null}
      {card.wording?.originalChanged ? <OriginalChangeSeen conceptId={card.conceptId} action={wordingSeenAction} /> : null}

      <section id="edit" aria-label="Edit" className="mt-5 scroll-mt-4">
        {card.origin === "own" && card.ownDeckId ? (
          <LinkButton
            href={`/decks/mine/${card.ownDeckId}/concepts/${card.conceptId}`}
            variant="secondary"
            data-testid="edit-concept"
          >
            Edit concept
          </LinkButton>
        ) : (
          <RewordForm
            conceptId={card.conceptId}
            definition={card.definition}
            examples={card.examples}
            aliases={card.aliases}
            reworded={card.wording !== null}
            saveAction={saveWordingAction}
            revertAction={revertWordingAction}
          />
        )}
      </section>

      <Card as="section" aria-labelledby="memory" className="mt-8 px-5 py-5">
        <h2 id="memory" className="font-semibold">
          Memory
        </h2>
        <div className="mt-4">
          <MemoryState card={card} now={now} />
        </div>
      </Card>

      <Card as="section" aria-labelledby="history" className="mt-6 px-5 py-5">
        <h2 id="history" className="font-semibold">
          Reviews
        </h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          {kept === card.reviews.length ? plural(kept, WORDS.review) : `${kept} kept, ${card.reviews.length - kept} undone`}
          {" · newest first"}
        </p>
        <div className="mt-5 pl-1.5">
          <ReviewTimeline reviews={card.reviews} timeZone={card.timeZone} />
        </div>
      </Card>
    </main>
  );
}
