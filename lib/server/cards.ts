import "server-only";
import { CardState } from "@/lib/srs/card";
import { retrievabilityAt } from "@/lib/srs/scheduler";
import { availableAt } from "@/lib/srs/study-day";
import { reviewTimeline } from "@/lib/stats/history";
import type { CardHistoryDTO, CardKind } from "@/lib/types/cards";
import { read } from "./db";
import { NotFoundError } from "./errors";
import { schedulerSettingsOf, schedulingOf } from "./mappers";
import { effectiveText, wordingOf } from "./overrides";
import { renderInlineMarkdown, renderMarkdown } from "@/lib/markdown/render";

/**
 * One card of the user's with its concept's text, its memory state now and every review of it
 * (undone ones included, marked). Someone else's card is not found, exactly like a missing one.
 * The text is the user's wording of a built-in concept where they have one.
 */
export async function getCardHistory(userId: string, cardId: string, now: Date): Promise<CardHistoryDTO> {
  return read(async (db) => {
    const card = await db.card.findFirst({
      where: { id: cardId, userId },
      include: { concept: { include: { deck: true } }, user: true },
    });
    if (!card) throw new NotFoundError("Card");
    const override = await db.conceptOverride.findUnique({
      where: { userId_conceptId: { userId, conceptId: card.conceptId } },
      select: { definition: true, examples: true, aliases: true, originalHash: true, originalChangeSeenAt: true },
    });
    const logs = await db.reviewLog.findMany({
      where: { cardId: card.id, userId },
      select: { id: true, reviewedAt: true, grade: true, kind: true, state: true, due: true, durationMs: true, undoneAt: true },
    });
    const scheduling = schedulingOf(card);
    const { concept } = card;
    const text = effectiveText(concept, override);
    return {
      id: card.id,
      conceptId: concept.id,
      origin: concept.deck.ownerId === null ? "built-in" : "own",
      ownDeckId: concept.deck.ownerId === null ? null : concept.deckId,
      kind: card.kind as CardKind,
      term: concept.term,
      ...text,
      definitionHtml: renderMarkdown(text.definition),
      examplesHtml: text.examples.map(renderInlineMarkdown),
      wording: wordingOf(concept.id, concept, override),
      sourceLocator: concept.sourceLocator,
      deckTitle: concept.deck.title,
      sourceTitle: concept.deck.sourceTitle,
      sourceUrl: concept.sourceUrl || concept.deck.sourceUrl,
      state: card.state,
      suspended: card.suspended,
      due: card.due,
      availableAt: availableAt(card.due, card.state === CardState.Review, card.user.timeZone, card.user.dayStartHour),
      stability: card.stability,
      difficulty: card.difficulty,
      retrievability:
        scheduling.state === CardState.New || scheduling.lastReview === null
          ? null
          : retrievabilityAt(now, schedulerSettingsOf(card.user))(scheduling),
      reps: card.reps,
      lapses: card.lapses,
      timeZone: card.user.timeZone,
      reviews: reviewTimeline(
        logs.map((log) => ({ ...log, grade: log.grade as 0 | 1 | 2 | 3 | 4 })),
        card.due,
      ),
    };
  });
}
