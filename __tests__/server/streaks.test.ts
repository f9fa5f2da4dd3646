import { useTestDatabase } from "../helpers/test-db";

const database = useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { disconnect, write } from "@/lib/server/db";
import { updateStudySettings } from "@/lib/server/settings";
import { getStreakSummary } from "@/lib/server/streaks";
import { CardState } from "@/lib/srs/card";
import { cardsOf, newUser, seedBuiltIn } from "../helpers/fixtures";
import { runOnAnotherConnection } from "../helpers/other-connection";

const SEEDED = new Date("2026-01-01T12:00:00Z");
let users = 0;

beforeAll(async () => {
  await seedBuiltIn(SEEDED);
});

afterAll(async () => {
  await disconnect();
});

interface Setup {
  timeZone?: string;
  dayStartHour?: number;
  goal?: { kind: "REVIEWS"; reviews: number } | { kind: "CLEAR_DUE" };
  /** A review card that fell due then and was never reviewed: every later day end leaves it due. */
  dueSince?: string;
}

/** A fresh user; by default every card is new, so nothing is ever due. */
async function userWith(setup: Setup = {}): Promise<User & { cardIds: string[] }> {
  users += 1;
  const user = await newUser(`streaker${users}`, SEEDED, { timeZone: setup.timeZone ?? "UTC" });
  const goal = setup.goal ?? { kind: "REVIEWS", reviews: 1 };
  await write((tx) =>
    tx.user.update({
      where: { id: user.id },
      data: {
        dayStartHour: setup.dayStartHour ?? 4,
        dailyGoalKind: goal.kind,
        dailyGoalReviews: goal.kind === "REVIEWS" ? goal.reviews : 1,
      },
    }),
  );
  const cardIds = (await cardsOf(user.id)).map((card) => card.id);
  if (setup.dueSince) {
    const due = new Date(setup.dueSince);
    await write((tx) =>
      tx.card.update({
        where: { id: cardIds[0] },
        data: { state: CardState.Review, due, lastReview: new Date(due.getTime() - 86_400_000), stability: 1 },
      }),
    );
  }
  return { ...user, cardIds };
}

let logCounter = 0;
/** A review log written directly: the streak reads only the log (and cards' due dates). */
async function review(
  user: { id: string; cardIds: string[] },
  reviewedAt: string,
  options: { card?: number; due?: string; state?: number; undone?: boolean } = {},
) {
  logCounter += 1;
  const at = new Date(reviewedAt);
  await write((tx) =>
    tx.reviewLog.create({
      data: {
        cardId: user.cardIds[options.card ?? 1],
        userId: user.id,
        grade: 3,
        state: options.state ?? CardState.New,
        due: new Date(options.due ?? reviewedAt),
        stability: 0,
        difficulty: 0,
        scheduledDays: 0,
        learningSteps: 0,
        elapsedDays: 0,
        reviewedAt: at,
        durationMs: 3000,
        clientId: `log-${String(logCounter).padStart(6, "0")}`,
        undoneAt: options.undone ? new Date(at.getTime() + 1000) : null,
      },
    }),
  );
}

async function reviewDays(user: { id: string; cardIds: string[] }, days: string[], time = "12:00:00Z") {
  for (const day of days) await review(user, `${day}T${time}`);
}

describe("getStreakSummary: the study-day boundary", () => {
  it("counts a review at 03:59 with day start 4 for the day before", async () => {
    const user = await userWith({ dueSince: "2026-02-01T00:00:00Z" });
    await review(user, "2026-03-05T12:00:00Z");
    await review(user, "2026-03-07T03:59:00Z");
    const summary = await getStreakSummary(user.id, new Date("2026-03-07T12:00:00Z"));
    expect([summary.current, summary.todayMet, summary.reviewedToday]).toEqual([2, false, 0]);
    // The days the statistics heatmap marks: the 03:59 review met 6 March's goal.
    expect(summary.goalMetDays).toEqual(["2026-03-05", "2026-03-06"]);
  });

  it("counts a review at 04:00 for the new day", async () => {
    const user = await userWith({ dueSince: "2026-02-01T00:00:00Z" });
    await review(user, "2026-03-05T12:00:00Z");
    await review(user, "2026-03-07T04:00:00Z");
    const summary = await getStreakSummary(user.id, new Date("2026-03-07T12:00:00Z"));
    // 03-06 was missed with a card due and no freeze: the streak restarted today.
    expect([summary.current, summary.longest, summary.todayMet, summary.reviewedToday]).toEqual([1, 1, true, 1]);
  });

  it("splits reviews 40 seconds apart across the boundary in a quarter-hour time zone (Kathmandu, UTC+5:45)", async () => {
    const user = await userWith({ timeZone: "Asia/Kathmandu", dueSince: "2026-02-01T00:00:00Z" });
    // 03:59:40 and 04:00:20 local on 2026-03-07 (day start 4), both in the 22:00 UTC hour: two study days.
    await review(user, "2026-03-06T22:14:40Z");
    await review(user, "2026-03-06T22:15:20Z");
    const summary = await getStreakSummary(user.id, new Date("2026-03-07T06:00:00Z"));
    expect([summary.current, summary.longest, summary.reviewedToday]).toEqual([2, 2, 1]);
  });
});

describe("getStreakSummary: daylight saving time in Europe/Berlin", () => {
  it("keeps the short spring day whole: 03:59 CEST on 29 March belongs to 28 March", async () => {
    const user = await userWith({
      timeZone: "Europe/Berlin",
      dueSince: "2026-02-01T00:00:00Z",
      goal: { kind: "REVIEWS", reviews: 2 },
    });
    // 28 March (CET, +1): day start 04:00 local = 03:00Z.
    await review(user, "2026-03-28T03:00:00Z");
    // 03:59 CEST on 29 March, after the clocks went forward: still 28 March's study day.
    await review(user, "2026-03-29T01:59:00Z");
    // 29 March: 04:00 CEST = 02:00Z; its day ends at 04:00 CEST on 30 March = 02:00Z.
    await review(user, "2026-03-29T02:00:00Z");
    await review(user, "2026-03-30T01:59:59Z");
    const summary = await getStreakSummary(user.id, new Date("2026-03-30T10:00:00Z"));
    expect([summary.current, summary.longest, summary.todayMet]).toEqual([2, 2, false]);
  });

  it("keeps the long autumn day whole: its 25 hours are one study day", async () => {
    const user = await userWith({
      timeZone: "Europe/Berlin",
      dueSince: "2026-09-01T00:00:00Z",
      goal: { kind: "REVIEWS", reviews: 2 },
    });
    // The clocks went back at 03:00 CEST (01:00Z) on 25 October, so its day starts at 04:00 CET = 03:00Z.
    await review(user, "2026-10-25T03:00:00Z");
    // 03:59 CET on 26 October = 02:59Z: the same 25-hour study day, so the goal of two is met.
    await review(user, "2026-10-26T02:59:00Z");
    const summary = await getStreakSummary(user.id, new Date("2026-10-26T12:00:00Z"));
    expect([summary.current, summary.todayMet]).toEqual([1, false]);
  });

  it("does not join the reviews of two days across the autumn change", async () => {
    const user = await userWith({
      timeZone: "Europe/Berlin",
      dueSince: "2026-09-01T00:00:00Z",
      goal: { kind: "REVIEWS", reviews: 2 },
    });
    await review(user, "2026-10-25T02:59:00Z");
    await review(user, "2026-10-25T03:00:00Z");
    const summary = await getStreakSummary(user.id, new Date("2026-10-26T12:00:00Z"));
    // One review on 24 October and one on 25 October: neither met the goal of two.
    expect([summary.current, summary.longest]).toEqual([0, 0]);
  });
});

describe("getStreakSummary: days without reviews", () => {
  it("does not break the streak on days when nothing was due", async () => {
    const user = await userWith();
    await reviewDays(user, ["2026-03-01", "2026-03-04"]);
    const summary = await getStreakSummary(user.id, new Date("2026-03-05T12:00:00Z"));
    expect([summary.current, summary.longest]).toEqual([2, 2]);
  });

  it("breaks the streak on a day a card was left due", async () => {
    const user = await userWith({ dueSince: "2026-03-02T10:00:00Z" });
    await reviewDays(user, ["2026-03-01", "2026-03-04"]);
    const summary = await getStreakSummary(user.id, new Date("2026-03-05T12:00:00Z"));
    expect([summary.current, summary.longest]).toEqual([1, 1]);
  });

  it("breaks it from the day a card fell due that was reviewed only later", async () => {
    const user = await userWith();
    await reviewDays(user, ["2026-03-01", "2026-03-02"]);
    // Due on 3 March, reviewed on 5 March: 3 and 4 March left it due; nothing was due before.
    await review(user, "2026-03-05T12:00:00Z", { card: 2, state: CardState.Review, due: "2026-03-03T09:00:00Z" });
    const summary = await getStreakSummary(user.id, new Date("2026-03-05T13:00:00Z"));
    expect([summary.current, summary.longest]).toEqual([1, 2]);
  });
});

describe("getStreakSummary: freezes", () => {
  it("spends a freeze earned by seven days on a missed day", async () => {
    const user = await userWith({ dueSince: "2026-02-01T00:00:00Z" });
    await reviewDays(user, ["2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26"]);
    await reviewDays(user, ["2026-02-28", "2026-03-01", "2026-03-02"]);
    const summary = await getStreakSummary(user.id, new Date("2026-03-02T18:00:00Z"));
    expect([summary.current, summary.longest, summary.freezesHeld, summary.frozenDays]).toEqual([10, 10, 0, ["2026-02-27"]]);
  });

  it("holds at most two", async () => {
    const user = await userWith({ dueSince: "2026-01-01T00:00:00Z" });
    const days = Array.from({ length: 28 }, (_, i) => new Date(Date.UTC(2026, 1, 1 + i)).toISOString().slice(0, 10));
    await reviewDays(user, days);
    const summary = await getStreakSummary(user.id, new Date("2026-03-01T18:00:00Z"));
    expect([summary.current, summary.freezesHeld]).toEqual([28, 2]);
  });
});

describe("getStreakSummary: settings and undo", () => {
  it("recomputes every study day when the time zone changes", async () => {
    const user = await userWith({ dayStartHour: 0 });
    await review(user, "2026-03-04T23:30:00Z");
    await review(user, "2026-03-05T23:30:00Z");
    const now = new Date("2026-03-06T12:00:00Z");
    const inUtc = await getStreakSummary(user.id, now);
    expect([inUtc.current, inUtc.todayMet, inUtc.reviewedToday]).toEqual([2, false, 0]);

    await updateStudySettings(user.id, {
      timeZone: "Asia/Tokyo",
      dayStartHour: 0,
      newCardsPerDay: 20,
      reviewsPerDay: 200,
      dailyGoalKind: "REVIEWS",
      dailyGoalReviews: 1,
    });
    // 23:30Z is 08:30 the next morning in Tokyo: the reviews fall on 5 and 6 March, today there.
    const inTokyo = await getStreakSummary(user.id, now);
    expect([inTokyo.current, inTokyo.todayMet, inTokyo.reviewedToday]).toEqual([2, true, 1]);
  });

  it("does not count an undone review", async () => {
    const user = await userWith();
    await review(user, "2026-03-06T12:00:00Z");
    await review(user, "2026-03-07T12:00:00Z", { undone: true });
    const summary = await getStreakSummary(user.id, new Date("2026-03-07T18:00:00Z"));
    expect([summary.current, summary.reviewedToday, summary.todayMet]).toEqual([1, 0, false]);
  });

  it("counts a day toward a goal of N reviews only with N reviews", async () => {
    const user = await userWith({ dueSince: "2026-02-01T00:00:00Z", goal: { kind: "REVIEWS", reviews: 3 } });
    for (const time of ["10:00", "11:00", "12:00"]) await review(user, `2026-03-05T${time}:00Z`);
    for (const time of ["10:00", "11:00"]) await review(user, `2026-03-06T${time}:00Z`);
    for (const time of ["10:00", "11:00"]) await review(user, `2026-03-07T${time}:00Z`);
    const summary = await getStreakSummary(user.id, new Date("2026-03-07T18:00:00Z"));
    expect([summary.current, summary.longest, summary.reviewedToday, summary.todayMet, summary.goal]).toEqual([
      0,
      1,
      2,
      false,
      { kind: "REVIEWS", reviews: 3 },
    ]);
  });

  it("excuses a day below the goal when nothing was left due", async () => {
    const user = await userWith({ goal: { kind: "REVIEWS", reviews: 3 } });
    for (const time of ["10:00", "11:00", "12:00"]) await review(user, `2026-03-05T${time}:00Z`);
    await review(user, "2026-03-06T10:00:00Z");
    for (const time of ["10:00", "11:00", "12:00"]) await review(user, `2026-03-07T${time}:00Z`);
    const summary = await getStreakSummary(user.id, new Date("2026-03-07T18:00:00Z"));
    expect([summary.current, summary.longest]).toEqual([2, 2]);
  });

  it("with the clear-the-queue goal, counts a day only when nothing due was left at its end", async () => {
    const user = await userWith({ goal: { kind: "CLEAR_DUE" } });
    await review(user, "2026-03-04T12:00:00Z");
    // A card due on 5 March was reviewed on 6 March: 5 March left it.
    await review(user, "2026-03-05T12:00:00Z");
    await review(user, "2026-03-06T12:00:00Z", { card: 2, state: CardState.Review, due: "2026-03-05T08:00:00Z" });
    const summary = await getStreakSummary(user.id, new Date("2026-03-06T18:00:00Z"));
    expect([summary.current, summary.longest, summary.todayMet, summary.dueLeftToday]).toEqual([1, 1, true, 0]);
  });

  it("counts the cards still due today for the clear-the-queue goal", async () => {
    const user = await userWith({ goal: { kind: "CLEAR_DUE" }, dueSince: "2026-03-07T10:00:00Z" });
    await review(user, "2026-03-07T12:00:00Z");
    const summary = await getStreakSummary(user.id, new Date("2026-03-07T18:00:00Z"));
    expect([summary.todayMet, summary.dueLeftToday]).toEqual([false, 1]);
  });

  it("reads only the acting user's log", async () => {
    const other = await userWith();
    await reviewDays(other, ["2026-03-05", "2026-03-06", "2026-03-07"]);
    const user = await userWith();
    const summary = await getStreakSummary(user.id, new Date("2026-03-07T18:00:00Z"));
    expect([summary.current, summary.longest, summary.reviewedToday]).toEqual([0, 0, 0]);
  });
});

describe("getStreakSummary: remembered past days", () => {
  it("sees a review written through write() and one written by another connection, right after a read", async () => {
    const user = await userWith({ dueSince: "2026-02-01T00:00:00Z" });
    const now = new Date("2026-03-07T12:00:00Z");
    await reviewDays(user, ["2026-03-05", "2026-03-06"]);
    expect((await getStreakSummary(user.id, now)).current).toBe(2);
    // Read again unchanged: the remembered days give the same answer.
    expect((await getStreakSummary(user.id, now)).current).toBe(2);

    // Through the app's write path.
    await review(user, "2026-03-04T12:00:00Z");
    expect((await getStreakSummary(user.id, now)).current).toBe(3);

    // Another connection to the same file (a script, the seed): SQLite's data_version moves.
    await runOnAnotherConnection(
      database,
      `INSERT INTO "ReviewLog" ("id", "cardId", "userId", "grade", "state", "due", "stability", "difficulty", "scheduledDays",
             "learningSteps", "elapsedDays", "reviewedAt", "durationMs", "clientId")
           VALUES ('other-log', ?, ?, 3, 0, '2026-03-03T12:00:00.000+00:00', 0, 0, 0, 0, 0, '2026-03-03T12:00:00.000+00:00', 3000, 'other-connection')`,
      [user.cardIds[1], user.id],
    );
    expect((await getStreakSummary(user.id, now)).current).toBe(4);
  });
});
