import "server-only";
import { setImmediate as nextTick } from "node:timers/promises";
import { seededRandom } from "@/lib/quiz/random";
import { CardState, type CardStateValue } from "@/lib/srs/card";
import { hash32 } from "@/lib/srs/queue";
import {
  simulateRetention,
  summarizeWorkload,
  WORKLOAD_RETENTIONS,
  type WorkloadInput,
  type WorkloadResult,
} from "@/lib/srs/simulate-workload";
import { parseSteps } from "@/lib/srs/steps";
import type { WorkloadDTO } from "@/lib/types/workload";
import { read } from "./db";
import { NotFoundError } from "./errors";
import { schedulerSettingsOf } from "./mappers";

const DAY_MS = 86_400_000;
const DAYS = 365;
/** Answer times are taken from this many recent reviews. */
const TIMED_REVIEWS = 2000;
const DEFAULT_SECONDS = 8;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The next year of study at each desired retention for the acting user's cards (those of decks
 * they study, not suspended), their FSRS parameters, new-card limit and median answer times.
 * Each retention is simulated in its own turn of the event loop (tens of milliseconds for 5,000
 * cards), so other requests are answered in between.
 */
export async function getWorkload(userId: string, now: Date): Promise<WorkloadDTO> {
  const { user, cards, times } = await read(async (db) => {
    const user = await db.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("User");
    const cards = await db.card.findMany({
      where: {
        userId,
        suspended: false,
        concept: { retiredAt: null },
        deck: { enrolments: { some: { userId, stoppedAt: null } } },
      },
      select: { state: true, stability: true, difficulty: true, lastReview: true },
    });
    const times = await db.reviewLog.findMany({
      where: { userId, kind: "GRADE", undoneAt: null },
      orderBy: { reviewedAt: "desc" },
      take: TIMED_REVIEWS,
      select: { grade: true, durationMs: true },
    });
    return { user, cards, times };
  });
  const settings = schedulerSettingsOf(user);
  const remembered = median(times.filter((t) => t.grade > 1).map((t) => t.durationMs));
  const forgotten = median(times.filter((t) => t.grade === 1).map((t) => t.durationMs));
  const secondsPerReview = remembered === null ? DEFAULT_SECONDS : remembered / 1000;
  const input: WorkloadInput = {
    cards: cards.map((card) => ({
      state: card.state as CardStateValue,
      stability: card.state === CardState.New ? 0 : card.stability,
      difficulty: card.difficulty,
      daysSinceReview: card.lastReview ? Math.max(0, Math.floor((now.getTime() - card.lastReview.getTime()) / DAY_MS)) : 0,
    })),
    weights: settings.fsrsWeights,
    retentions: WORKLOAD_RETENTIONS,
    days: DAYS,
    newPerDay: user.newCardsPerDay,
    maximumIntervalDays: settings.maximumIntervalDays,
    relearningSteps: parseSteps(settings.relearningSteps).length,
    secondsPerReview,
    secondsPerLapse: forgotten === null ? secondsPerReview * 2 : forgotten / 1000,
    // Seeded by the user and the retention: the chart holds still between visits with unchanged cards.
    random: (retention) => seededRandom(hash32(`${userId}:${retention}`)),
  };
  const points = [];
  for (const retention of input.retentions) {
    points.push(simulateRetention(input, retention));
    await nextTick();
  }
  const result: WorkloadResult = summarizeWorkload(points);
  return {
    ...result,
    cards: cards.length,
    days: DAYS,
    secondsPerReview,
    current: settings.desiredRetention,
  };
}
