import { seededRandom } from "@/lib/quiz/random";
import { read } from "@/lib/server/db";
import { startStudyingDeck } from "@/lib/server/enrolments";
import { recordReview } from "@/lib/server/reviews";
import { simulateLearner } from "@/lib/srs/synthetic-learner";
import { cardsOf } from "./fixtures";

const DAY = 86_400_000;

/** A learner whose memory is not the default one: their fit should beat the defaults. */
export const LEARNER_WEIGHTS = [
  0.8, 2.5, 6.0, 20.0, 6.4133, 0.8334, 3.0194, 0.001, 1.3, 0.1666, 0.796, 2.2, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
  0.0912, 0.0658, 0.1542,
];

/**
 * Gives a user a review history through the real grade path (recordReview), after enrolling them
 * in every built-in deck: a synthetic learner (seeded) studies their cards for `days` days from `start`, `newPerDay` new ones a day, each review
 * at midday UTC of its day plus a few seconds. Returns the number of grades and the last instant.
 */
export async function seedHistory(
  userId: string,
  start: Date,
  { days, newPerDay, seed = 15 }: { days: number; newPerDay: number; seed?: number },
): Promise<{ reviews: number; end: Date }> {
  const decks = await read((db) => db.deck.findMany({ where: { ownerId: null }, select: { id: true } }));
  for (const deck of decks) await startStudyingDeck(userId, deck.id, start);
  const cards = await cardsOf(userId);
  const reviews = simulateLearner({
    weights: LEARNER_WEIGHTS,
    cards: cards.length,
    newPerDay,
    days,
    retention: 0.9,
    random: seededRandom(seed),
  });
  const versions = cards.map((card) => card.version);
  let end = start;
  for (const [i, review] of reviews.entries()) {
    end = new Date(start.getTime() + review.day * DAY + 12 * 3_600_000 + i * 1000);
    const card = cards[review.card];
    const update = await recordReview(
      userId,
      {
        cardId: card.id,
        grade: review.grade,
        clientId: `seed-${seed}-${i}`,
        expectedVersion: versions[review.card],
        durationMs: 4000 + (i % 7) * 1000,
      },
      end,
    );
    versions[review.card] = update.version;
  }
  return { reviews: reviews.length, end };
}
