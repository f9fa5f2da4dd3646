import { useEffect } from "react";
import { ConceptDefinition, ConceptExamples, ConceptSource, WordingNote } from "@/components/concepts/concept-details";
import { Card } from "@/components/ui/card";
import type { ReviewCardDTO } from "@/lib/types/review";

/**
 * One card. The front stays where it is when the answer appears below it, so nothing jumps.
 * Definitions and examples arrive rendered from markdown by the server; the rest is text. A card in
 * the user's own wording says so on its back, with the original behind a disclosure; a notice that
 * the original changed is shown once (`onOriginalChangeSeen` records that it was).
 */
export function Flashcard({
  card,
  revealed,
  onOriginalChangeSeen,
  onRevertWording,
}: {
  card: ReviewCardDTO;
  revealed: boolean;
  onOriginalChangeSeen?: (conceptId: string) => void;
  /** Goes back to the original wording of the card's concept. */
  onRevertWording?: (conceptId: string) => void;
}) {
  const termFirst = card.kind === "TERM_TO_DEFINITION";
  const changedNotice = revealed && card.wording?.originalChanged ? card.wording.conceptId : null;
  useEffect(() => {
    if (changedNotice) onOriginalChangeSeen?.(changedNotice);
  }, [changedNotice, onOriginalChangeSeen]);
  return (
    <Card as="article" size="lg" aria-live="polite" className="flex min-h-[20rem] flex-1 flex-col px-6 py-7 sm:px-10 sm:py-10">
      <p className="text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">
        {termFirst ? "Define the term" : "Name the term"}
      </p>
      <div data-testid="card-front" className="mt-4">
        {termFirst ? (
          <h2 className="font-serif text-3xl leading-tight font-semibold sm:text-4xl">{card.term}</h2>
        ) : (
          <ConceptDefinition html={card.definitionHtml} className="font-serif text-xl leading-relaxed sm:text-2xl" />
        )}
      </div>

      {revealed ? (
        <div data-testid="card-back" className="mt-6 border-t border-stone-200 pt-6 dark:border-stone-800">
          {termFirst ? (
            <div className="space-y-3">
              <ConceptDefinition html={card.definitionHtml} className="font-serif text-xl leading-relaxed sm:text-[1.375rem]" />
            </div>
          ) : (
            <p className="font-serif text-3xl leading-tight font-semibold sm:text-4xl">{card.term}</p>
          )}
          {card.aliases.length > 0 ? (
            <p className="mt-3 text-sm text-stone-500 dark:text-stone-400">Also called: {card.aliases.join(", ")}</p>
          ) : null}
          {card.confusedWith.length > 0 ? (
            <p data-testid="confused-with" className="mt-3 text-sm text-amber-800 dark:text-amber-300">
              Often confused with: {card.confusedWith.join(", ")}
            </p>
          ) : null}
          <ConceptExamples examples={card.examplesHtml} />
          {card.wording ? (
            <WordingNote
              wording={card.wording}
              actions={
                <>
                  <a
                    href={`/cards/${card.id}#edit`}
                    className="text-xs text-stone-500 underline underline-offset-2 hover:text-accent-600 dark:text-stone-400 dark:hover:text-accent-400"
                  >
                    Edit
                  </a>
                  {onRevertWording ? (
                    <button
                      type="button"
                      data-testid="review-revert-wording"
                      onClick={() => onRevertWording(card.wording!.conceptId)}
                      className="text-xs text-stone-500 underline underline-offset-2 hover:text-accent-600 dark:text-stone-400 dark:hover:text-accent-400"
                    >
                      Revert to the original
                    </button>
                  ) : null}
                </>
              }
            />
          ) : null}
          <ConceptSource concept={card} className="mt-5" />
          <span className="mt-2 flex gap-4">
            <a
              href={`/cards/${card.id}`}
              className="inline-block text-xs text-stone-500 underline underline-offset-2 hover:text-accent-600 dark:text-stone-400 dark:hover:text-accent-400"
            >
              History
            </a>
            {card.wording ? null : (
              <a
                href={`/cards/${card.id}#edit`}
                data-testid="edit-card"
                className="inline-block text-xs text-stone-500 underline underline-offset-2 hover:text-accent-600 dark:text-stone-400 dark:hover:text-accent-400"
              >
                Edit
              </a>
            )}
          </span>
        </div>
      ) : null}
    </Card>
  );
}
