import "server-only";
import { CardState } from "@/lib/srs/card";
import { retrievabilityAt } from "@/lib/srs/scheduler";
import { availableAt } from "@/lib/srs/study-day";
import { reviewTimeline } from "@/lib/stats/history";
import type { CardHistoryDTO, CardKind } from "@/lib/types/cards";
import { read } from "./db";
import { NotFoundError } from "./errors";
import { parseJsonList, schedulerSettingsOf, schedulingOf } from "./mappers";

/**
 * One card of the user's with its concept's text, its memory state now and every review of it
 * (undone ones included, marked). Someone else's card is not found, exactly like a missing one.
 */
export async function getCardHistory(userId: string, cardId: string, now: Date): Promise<CardHistoryDTO> {
  return read(async (db) => {
    const card = await db.card.findFirst({
      where: { id: cardId, userId },
      include: { concept: { include: { deck: true } }, user: true },
    });
    if (!card) throw new NotFoundError("Card");
    const logs = await db.reviewLog.findMany({
      where: { cardId: card.id, userId },
      select: { id: true, reviewedAt: true, grade: true, kind: true, state: true, due: true, durationMs: true, undoneAt: true },
    });
    const scheduling = schedulingOf(card);
    const { concept } = card;
    return {
      id: card.id,
      kind: card.kind as CardKind,
      term: concept.term,
      definition: concept.definition,
      examples: parseJsonList(concept.examples),
      aliases: parseJsonList(concept.aliases),
      sourceLocator: concept.sourceLocator,
      deckTitle: concept.deck.title,
      sourceTitle: concept.deck.sourceTitle,
      sourceUrl: concept.deck.sourceUrl,
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
