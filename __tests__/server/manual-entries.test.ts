import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { resetCards } from "@/lib/server/card-bulk";
import { getCardHistory } from "@/lib/server/cards";
import { disconnect, read, write } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { UserError } from "@/lib/server/errors";
import { recordReview, undoReview } from "@/lib/server/reviews";
import { getStats } from "@/lib/server/stats";
import { getStreakSummary } from "@/lib/server/streaks";
import { getHomeSummary } from "@/lib/server/study/home";
import { getReviewQueue } from "@/lib/server/study/queue";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { cardRow, cardsOf, newClientId, newUser, withoutLinksToOtherDecks } from "../helpers/fixtures";

/*
 * Manual review-log entries (a reset from the card browser: kind "RESET", grade 0) are history,
 * not reviews: the card history lists them, and the statistics, streaks, "reviewed today", the
 * queue's daily counts, the new-card limit and undo leave them out.
 */

const DAY = 86_400_000;
const NOW = new Date("2026-03-07T12:00:00Z");
const YESTERDAY = new Date(NOW.getTime() - DAY);
const BUILT_IN = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);

let userId = "";
let learnedId = "";
let reviewId = "";
let newId = "";
let yesterdaysGrade = "";

beforeAll(async () => {
  await seedBuiltInDecks([BUILT_IN], YESTERDAY);
  userId = (await newUser("alice", YESTERDAY)).id;
  const cards = await cardsOf(userId);
  [learnedId, reviewId, newId] = [cards[0].id, cards[2].id, cards[4].id];
  // Yesterday: one grade (a new card, so it counts against yesterday's new cards only).
  yesterdaysGrade = newClientId();
  await recordReview(
    userId,
    { cardId: learnedId, grade: 3, clientId: yesterdaysGrade, expectedVersion: 0, durationMs: 5000 },
    YESTERDAY,
  );
  // A review card, due yesterday, and a new card that was studied once and reset before.
  await write(async (tx) => {
    await tx.card.update({
      where: { id: reviewId },
      data: {
        state: 2,
        stability: 10,
        difficulty: 5,
        reps: 4,
        scheduledDays: 8,
        lastReview: new Date(NOW.getTime() - 8 * DAY),
        due: YESTERDAY,
      },
    });
    await tx.card.update({ where: { id: newId }, data: { reps: 1 } });
  });
  // Today: nothing but resets (the new card's entry is of a New card; the review card's of a Review card).
  await resetCards(userId, { ids: [learnedId, reviewId, newId] }, NOW);
});

afterAll(async () => {
  await disconnect();
});

describe("manual review-log entries", () => {
  it("are written as RESET entries with grade 0 and the state before", async () => {
    const logs = await read((db) =>
      db.reviewLog.findMany({
        where: { userId, kind: "RESET" },
        orderBy: { cardId: "asc" },
        select: { cardId: true, grade: true, state: true },
      }),
    );
    expect(logs).toHaveLength(3);
    expect(logs.every((log) => log.grade === 0)).toBe(true);
    expect(new Set(logs.map((log) => log.state))).toEqual(new Set([0, 1, 2]));
  });

  it("are not reviews for streaks, home, the queue's limits or the statistics", async () => {
    expect((await getStreakSummary(userId, NOW)).reviewedToday).toBe(0);
    const home = await getHomeSummary(userId, NOW);
    expect(home.reviewedToday).toBe(0);
    // The new-card limit is untouched by resetting a new card today.
    expect(home.newToday).toBe(20);
    const queue = await getReviewQueue(userId, NOW);
    expect(queue.cards.filter((card) => card.scheduling.state === 0).length).toBe(20);

    const stats = await getStats(userId, NOW, 30);
    const today = stats.reviews.find((day) => day.day === stats.today)!;
    expect(today).toMatchObject({ new: 0, learning: 0, review: 0, durationMs: 0 });
    const yesterday = stats.reviews.find((day) => day.day === "2026-03-06")!;
    expect(yesterday).toMatchObject({ new: 1, learning: 0, review: 0 });
    // The reset of a Review card is not a failed review.
    const todayRetention = stats.retention.find((row) => row.period === "today")!;
    expect(todayRetention.all.total).toBe(0);
    expect(stats.calendar.find((day) => day.day === stats.today)?.count ?? 0).toBe(0);
  });

  it("do not make a study day of their own", async () => {
    await write((tx) => tx.user.update({ where: { id: userId }, data: { dailyGoalKind: "REVIEWS", dailyGoalReviews: 1 } }));
    // Yesterday's one grade met a goal of one review; today's resets do not.
    const streak = await getStreakSummary(userId, new Date(NOW.getTime() + DAY));
    expect(streak.goalMetDays).toEqual(["2026-03-06"]);
    await write((tx) => tx.user.update({ where: { id: userId }, data: { dailyGoalReviews: 20 } }));
  });

  it("cannot be undone, and keep an earlier grade from being undone", async () => {
    const reset = await read((db) => db.reviewLog.findFirstOrThrow({ where: { userId, cardId: learnedId, kind: "RESET" } }));
    await expect(undoReview(userId, reset.clientId, NOW)).rejects.toThrow("Only a grade can be undone.");
    const error = await undoReview(userId, yesterdaysGrade, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("reset after that review");
    expect((await cardRow(learnedId))!.state).toBe(0);
  });

  it("are listed in the card's history as resets", async () => {
    const history = await getCardHistory(userId, learnedId, NOW);
    expect(history.reviews.map((review) => [review.kind, review.grade])).toEqual([
      ["RESET", 0],
      ["GRADE", 3],
    ]);
  });

  it("leave a grade after them counted as usual", async () => {
    const card = (await cardRow(reviewId))!;
    await recordReview(
      userId,
      { cardId: reviewId, grade: 3, clientId: newClientId(), expectedVersion: card.version, durationMs: 3000 },
      NOW,
    );
    expect((await getStreakSummary(userId, NOW)).reviewedToday).toBe(1);
    expect((await getHomeSummary(userId, NOW)).reviewedToday).toBe(1);
    const stats = await getStats(userId, NOW, 30);
    expect(stats.reviews.find((day) => day.day === stats.today)).toMatchObject({ new: 1, durationMs: 3000 });
  });
});
