import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { getCardHistory } from "@/lib/server/cards";
import { disconnect, write } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { recordReview, undoReview } from "@/lib/server/reviews";
import { getStats } from "@/lib/server/stats";
import { CardState } from "@/lib/srs/card";
import { studyDayOf, studyDayStart } from "@/lib/srs/study-day";
import { cardRow, cardsOf, newClientId, newUser, seedBuiltIn } from "../helpers/fixtures";
import { EXPECTED_DAYS, EXPECTED_RETENTION, LOG, NOW, TIME_ZONE, TODAY } from "../lib/stats/fixture-log";

const DAY = 24 * 60 * 60 * 1000;
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY);

let user: User;
let cardIds: string[];

beforeAll(async () => {
  await seedBuiltIn(daysBefore(400));
  user = await newUser("statistician", daysBefore(400), { timeZone: TIME_ZONE });
  cardIds = (await cardsOf(user.id)).map((card) => card.id);
  await write(async (tx) => {
    await tx.reviewLog.createMany({
      data: LOG.map((review, i) => ({
        cardId: cardIds[i % 5],
        userId: user.id,
        grade: review.grade,
        state: review.state,
        due: review.reviewedAt,
        stability: 1,
        difficulty: 5,
        scheduledDays: review.scheduledDays,
        learningSteps: 0,
        elapsedDays: review.scheduledDays,
        reviewedAt: review.reviewedAt,
        durationMs: review.durationMs,
        clientId: `fixture-${review.label}`,
        undoneAt: review.undone ? new Date(review.reviewedAt.getTime() + 60_000) : null,
      })),
    });
    // Memory states chosen so retrievability is known (FSRS-6 default weights): recall falls to
    // 0.84588465 after twice the stability, 0.94034429 after half of it, and is 1 right after a review.
    const set = (id: string, data: Parameters<typeof tx.card.update>[0]["data"]) => tx.card.update({ where: { id }, data });
    await set(cardIds[0], {
      state: CardState.Review,
      stability: 10,
      difficulty: 5.5,
      lastReview: daysBefore(20),
      due: new Date("2026-03-30T10:00:00Z"),
    });
    await set(cardIds[1], {
      state: CardState.Review,
      stability: 10,
      difficulty: 1,
      lastReview: daysBefore(5),
      due: new Date("2026-04-03T01:45:00Z"),
    });
    await set(cardIds[2], {
      state: CardState.Learning,
      stability: 100,
      difficulty: 10,
      lastReview: NOW,
      due: new Date("2026-04-03T02:00:00Z"),
    });
    await set(cardIds[3], {
      state: CardState.Relearning,
      stability: 2,
      difficulty: 7,
      lastReview: daysBefore(4),
      due: new Date("2026-05-02T02:00:00Z"),
    });
    // Suspended: counted only as suspended, not in the forecast or the distributions.
    await set(cardIds[4], {
      state: CardState.Review,
      stability: 50,
      difficulty: 3,
      lastReview: daysBefore(1),
      due: daysBefore(1),
      suspended: true,
    });
  });
});

afterAll(async () => {
  await disconnect();
});

describe("getStats on the fixed log (Europe/Berlin, day start 4)", () => {
  it("shows the hand-computed reviews per day, retention and calendar", async () => {
    const stats = await getStats(user.id, NOW, 30);
    expect(stats).toMatchObject({ today: TODAY, timeZone: TIME_ZONE, dayStartHour: 4, range: 30 });
    expect(stats.reviews).toHaveLength(30);
    const nonEmpty = Object.fromEntries(
      stats.reviews.filter((r) => r.new + r.learning + r.review > 0).map(({ day, ...rest }) => [day, rest]),
    );
    expect(nonEmpty).toEqual(EXPECTED_DAYS);
    expect(stats.retention).toEqual(EXPECTED_RETENTION);
    expect(stats.calendar).toHaveLength(371);
    expect(stats.calendar.filter((d) => d.count > 0)).toEqual([
      { day: "2025-03-30", count: 1 },
      { day: "2025-04-03", count: 1 },
      { day: "2026-03-24", count: 3 },
      { day: "2026-03-26", count: 2 },
      { day: "2026-03-28", count: 2 },
      { day: "2026-03-29", count: 1 },
      { day: "2026-03-30", count: 1 },
      { day: "2026-03-31", count: 1 },
      { day: "2026-04-01", count: 2 },
      { day: "2026-04-02", count: 3 },
    ]);
  });

  it("covers 90 and 365 days when asked", async () => {
    expect((await getStats(user.id, NOW, 90)).reviews[0].day).toBe("2026-01-03");
    const year = await getStats(user.id, NOW, 365);
    expect(year.reviews[0]).toEqual({ day: "2025-04-03", new: 0, learning: 0, review: 1, durationMs: 5000 });
  });

  it("forecasts due cards per study day: overdue today, 03:45 still today, 04:00 tomorrow, none past 30 days, none suspended", async () => {
    const { forecast } = await getStats(user.id, NOW, 30);
    expect(forecast).toHaveLength(30);
    expect(forecast.filter((d) => d.count > 0)).toEqual([
      { day: "2026-04-02", count: 2 },
      { day: "2026-04-03", count: 1 },
    ]);
  });

  it("counts cards by state, suspended apart", async () => {
    const { counts } = await getStats(user.id, NOW, 30);
    const total = cardIds.length;
    expect(counts).toEqual({ new: total - 5, learning: 1, review: 2, relearning: 1, suspended: 1, total });
  });

  it("distributes retrievability, stability and difficulty of the studied, unsuspended cards", async () => {
    const stats = await getStats(user.id, NOW, 30);
    const nonEmpty = (h: typeof stats.stability) => h.bins.filter((b) => b.count > 0).map((b) => [b.label, b.count]);
    expect(nonEmpty(stats.retrievability)).toEqual([
      ["84–86%", 2],
      ["94–96%", 1],
      ["98–100%", 1],
    ]);
    expect(stats.retrievability.mean).toBeCloseTo((0.84588465 * 2 + 0.94034429 + 1) / 4, 6);
    expect(nonEmpty(stats.stability)).toEqual([
      ["2–4d", 1],
      ["1–2w", 2],
      ["2–4mo", 1],
    ]);
    expect(stats.stability.median).toBe(10);
    // Difficulty 5.5, 1, 10, 7 as percentages: 50, 0, 100, 66.7.
    expect(nonEmpty(stats.difficulty)).toEqual([
      ["0–10%", 1],
      ["50–60%", 1],
      ["60–70%", 1],
      ["90–100%", 1],
    ]);
  });

  it("knows nothing of another user's reviews", async () => {
    const other = await newUser("other-statistician", daysBefore(400), { timeZone: TIME_ZONE });
    const stats = await getStats(other.id, NOW, 30);
    expect(stats.calendar.every((d) => d.count === 0)).toBe(true);
    expect(stats.retention.every((row) => row.all.total === 0)).toBe(true);
    expect(stats.counts.new).toBe(cardIds.length);
  });

  it("refuses an unknown user", async () => {
    await expect(getStats("no-such-user", NOW, 30)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("getCardHistory", () => {
  let owner: User;
  let cardId: string;
  const start = new Date("2026-03-01T09:00:00Z");
  const MINUTE = 60_000;

  async function grade(value: 1 | 2 | 3 | 4, when: Date, clientId = newClientId()) {
    const { version } = (await cardRow(cardId))!;
    return recordReview(owner.id, { cardId, grade: value, clientId, expectedVersion: version, durationMs: 3000 + value }, when);
  }

  beforeAll(async () => {
    owner = await newUser("historian", start, { timeZone: TIME_ZONE });
    cardId = (await cardsOf(owner.id))[0].id;
    await grade(3, start);
    await grade(3, new Date(start.getTime() + 10 * MINUTE));
    await grade(4, new Date(start.getTime() + DAY), "history-undone");
    await undoReview(owner.id, "history-undone", new Date(start.getTime() + DAY + MINUTE));
    await grade(1, new Date(start.getTime() + DAY + 2 * MINUTE));
  });

  it("lists every review newest first, the undone one marked, each kept one with the interval it produced", async () => {
    const history = await getCardHistory(owner.id, cardId, new Date(start.getTime() + DAY + 3 * MINUTE));
    const card = (await cardRow(cardId))!;
    expect(history.reviews.map((r) => [r.grade, r.undone, r.durationMs])).toEqual([
      [1, false, 3001],
      [4, true, 3004],
      [3, false, 3003],
      [3, false, 3003],
    ]);
    expect(history.reviews.map((r) => r.reviewedAt.getTime() - start.getTime())).toEqual([DAY + 2 * MINUTE, DAY, 10 * MINUTE, 0]);
    // The latest review produced the card's current due date; the undone one produced nothing.
    expect(history.reviews[0].intervalMs).toBe(card.due.getTime() - history.reviews[0].reviewedAt.getTime());
    expect(history.reviews[1].intervalMs).toBeNull();
    expect(history.reviews[3].intervalMs).toBe(10 * MINUTE);
    expect(history.reviews[2].intervalMs).toBeGreaterThanOrEqual(DAY - 10 * MINUTE);
    expect(history).toMatchObject({
      id: cardId,
      reps: card.reps,
      lapses: card.lapses,
      state: card.state,
      timeZone: TIME_ZONE,
      suspended: false,
    });
    expect(history.retrievability).toBeGreaterThan(0.9);
    expect(history.term.length).toBeGreaterThan(0);
  });

  it("is not found for another user's card or an unknown id", async () => {
    const stranger = await newUser("stranger", start);
    await expect(getCardHistory(stranger.id, cardId, start)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCardHistory(owner.id, "no-such-card", start)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("gives when the card joins the queue: a relearning card at its due, a review card when its study day starts", async () => {
    const relearning = await getCardHistory(owner.id, cardId, new Date(start.getTime() + DAY + 3 * MINUTE));
    expect(relearning.state).toBe(CardState.Relearning);
    expect(relearning.availableAt).toEqual(relearning.due);

    const other = (await cardsOf(owner.id))[1].id;
    for (const [grade, when] of [
      [3, start],
      [3, new Date(start.getTime() + 10 * MINUTE)],
    ] as const) {
      const { version } = (await cardRow(other))!;
      await recordReview(
        owner.id,
        { cardId: other, grade, clientId: newClientId(), expectedVersion: version, durationMs: 3000 },
        when,
      );
    }
    const review = await getCardHistory(owner.id, other, new Date(start.getTime() + 11 * MINUTE));
    expect(review.state).toBe(CardState.Review);
    expect(review.availableAt).toEqual(studyDayStart(studyDayOf(review.due, TIME_ZONE, 4), TIME_ZONE, 4));
    expect(review.availableAt < review.due).toBe(true);
  });

  it("shows a new card without retrievability or reviews", async () => {
    const fresh = (await cardsOf(owner.id))[2];
    const history = await getCardHistory(owner.id, fresh.id, start);
    expect(history).toMatchObject({ retrievability: null, reviews: [], reps: 0, state: CardState.New });
  });
});
