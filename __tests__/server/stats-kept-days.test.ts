import { useTestDatabase } from "../helpers/test-db";

const database = useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { disconnect, write } from "@/lib/server/db";
import { recordReview, undoReview } from "@/lib/server/reviews";
import { updateStudySettings } from "@/lib/server/settings";
import { getStats } from "@/lib/server/stats";
import type { StatsDTO } from "@/lib/types/stats";
import { cardRow, cardsOf, newClientId, newUser, seedBuiltIn } from "../helpers/fixtures";
import { runOnAnotherConnection } from "../helpers/other-connection";

/*
 * The statistics keep the closed study days of the calendar between requests (lib/server/stats.ts)
 * and read today live. Each test reads first, so the days are kept, then changes the log or the
 * settings and reads again: what changed must show.
 */

const TIME_ZONE = "Europe/Berlin";
// 14:00 in Berlin on 2 April 2026 (summer time, UTC+2): study day 2026-04-02 with day start 4.
const NOW = new Date("2026-04-02T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

let cardIds: string[];
let user: User;

beforeAll(async () => {
  await seedBuiltIn(new Date(NOW.getTime() - 400 * DAY));
  user = await newUser("keeper", new Date(NOW.getTime() - 400 * DAY), { timeZone: TIME_ZONE });
  cardIds = (await cardsOf(user.id)).map((card) => card.id);
});

afterAll(async () => {
  await disconnect();
});

let nextCard = 0;

/** Grades a card not graded before (so any instant is a valid first review) at `at`; returns the review's client id. */
async function gradeFresh(at: Date): Promise<string> {
  const cardId = cardIds[nextCard++];
  const { version } = (await cardRow(cardId))!;
  const clientId = newClientId();
  await recordReview(user.id, { cardId, grade: 3, clientId, expectedVersion: version, durationMs: 4000 }, at);
  return clientId;
}

/** The calendar's days with reviews, as { day: count }. */
function studied(stats: StatsDTO): Record<string, number> {
  return Object.fromEntries(stats.calendar.filter((d) => d.count > 0).map((d) => [d.day, d.count]));
}

const read = () => getStats(user.id, NOW, 30);

describe("getStats: kept closed study days", () => {
  it("shows a review today at once, and rebuilds the past days when a review is recorded for one of them", async () => {
    await gradeFresh(new Date("2026-03-30T10:00:00Z"));
    expect(studied(await read())).toEqual({ "2026-03-30": 1 });

    await gradeFresh(new Date(NOW.getTime() - 60_000));
    expect(studied(await read())).toEqual({ "2026-03-30": 1, "2026-04-02": 1 });

    // Recorded for a closed day (an earlier instant than the kept days were read at).
    await gradeFresh(new Date("2026-03-30T11:00:00Z"));
    await gradeFresh(new Date("2026-03-20T11:00:00Z"));
    expect(studied(await read())).toEqual({ "2026-03-20": 1, "2026-03-30": 2, "2026-04-02": 1 });
  });

  it("rebuilds the past days after an undo of a review on one of them", async () => {
    const clientId = await gradeFresh(new Date("2026-03-25T09:00:00Z"));
    expect(studied(await read())["2026-03-25"]).toBe(1);
    await undoReview(user.id, clientId, NOW);
    expect(studied(await read())["2026-03-25"]).toBeUndefined();
  });

  it("groups the days again when the day start or the time zone changes", async () => {
    // 03:30 in Berlin on 10 March (winter time, UTC+1): the day before with day start 4.
    await gradeFresh(new Date("2026-03-10T02:30:00Z"));
    expect(studied(await read())["2026-03-09"]).toBe(1);
    const settings = { newCardsPerDay: 20, reviewsPerDay: 200, dailyGoalKind: "REVIEWS" as const, dailyGoalReviews: 1 };
    const change = (timeZone: string, dayStartHour: number) =>
      updateStudySettings(user.id, { ...settings, timeZone, dayStartHour });

    // Johannesburg is UTC+2 all year: today starts at the same instant as in Berlin (summer
    // time now), but on 10 March that review was at 04:30 there.
    await change("Africa/Johannesburg", 4);
    let days = studied(await read());
    expect(days["2026-03-10"]).toBe(1);
    expect(days["2026-03-09"]).toBeUndefined();

    await change(TIME_ZONE, 4);
    expect(studied(await read())["2026-03-09"]).toBe(1);
    await change(TIME_ZONE, 3);
    days = studied(await read());
    expect(days["2026-03-10"]).toBe(1);
    expect(days["2026-03-09"]).toBeUndefined();

    await change(TIME_ZONE, 4);
    expect(studied(await read())["2026-03-09"]).toBe(1);
  });

  it("sees a review another connection wrote into a past day", async () => {
    const before = studied(await read());
    await runOnAnotherConnection(
      database,
      `INSERT INTO "ReviewLog" ("id", "cardId", "userId", "grade", "state", "due", "stability", "difficulty", "scheduledDays",
             "learningSteps", "elapsedDays", "reviewedAt", "durationMs", "clientId")
           VALUES ('kept-days-other', ?, ?, 3, 0, '2026-03-15T12:00:00.000+00:00', 0, 0, 0, 0, 0, '2026-03-15T12:00:00.000+00:00', 3000, 'kept-days-other')`,
      [cardIds[nextCard++], user.id],
    );
    expect(studied(await read())).toEqual({ ...before, "2026-03-15": 1 });
  });

  it("rebuilds the past days when a card and its reviews are deleted", async () => {
    const cardId = cardIds[nextCard];
    await gradeFresh(new Date("2026-03-12T12:00:00Z"));
    expect(studied(await read())["2026-03-12"]).toBe(1);
    await write((tx) => tx.card.delete({ where: { id: cardId } }));
    expect(studied(await read())["2026-03-12"]).toBeUndefined();
  });
});
