import { cardReplayer, type ReplayResult } from "@/lib/srs/replay";
import type { SchedulerSettings } from "@/lib/srs/settings";
import type { ImportedHistory } from "./types";

export interface ReplayedHistory extends ReplayResult {
  history: ImportedHistory;
}

/**
 * Each imported card's FSRS state from its answers, with the learner's settings (lib/srs/replay.ts).
 * `cardIdOf` names the card the history will belong to (its id seeds the interval fuzz, as for
 * live grades); by default the source's card id, or the concept index and kind.
 */
export function replayImportedHistories(
  histories: readonly ImportedHistory[],
  settings: SchedulerSettings,
  cardIdOf: (history: ImportedHistory) => string = (history) => history.sourceCardId ?? `${history.conceptIndex}:${history.kind}`,
): ReplayedHistory[] {
  const replay = cardReplayer(settings);
  return histories
    .filter((history) => history.reviews.length > 0)
    .map((history) => ({ history, ...replay(history.reviews, cardIdOf(history)) }));
}
