import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

const mockActingUser = { id: "", username: "" };
jest.mock("@/lib/server/auth", () => ({ requireUser: jest.fn(() => Promise.resolve(mockActingUser)) }));

import { chooseDailyGoalAction } from "@/app/(app)/(with-header)/settings/actions";
import { disconnect } from "@/lib/server/db";
import { getStudySettings, isDailyGoalUnchosen, updateStudySettings } from "@/lib/server/settings";
import { getStreakSummary } from "@/lib/server/streaks";
import { newUser, seedBuiltIn } from "../helpers/fixtures";

/*
 * The daily goal a learner would pick: new accounts start at 20 reviews and home asks once; an
 * answer (or a save in settings) is remembered; accounts from before the question keep their goal.
 */

const NOW = new Date("2026-03-07T12:00:00Z");

beforeAll(async () => {
  await seedBuiltIn(NOW);
});

afterAll(async () => {
  await disconnect();
});

it("gives a new account a goal of 20 reviews, and home asks for one until it is chosen", async () => {
  const user = await newUser("newcomer", NOW);
  expect(await getStudySettings(user.id)).toMatchObject({ dailyGoalKind: "REVIEWS", dailyGoalReviews: 20 });
  expect((await getStreakSummary(user.id, NOW)).goal).toEqual({ kind: "REVIEWS", reviews: 20 });
  expect(await isDailyGoalUnchosen(user.id)).toBe(true);

  Object.assign(mockActingUser, { id: user.id, username: user.username });
  expect(await chooseDailyGoalAction({ goal: "50" })).toEqual({ ok: true, data: undefined });
  expect(await isDailyGoalUnchosen(user.id)).toBe(false);
  expect((await getStreakSummary(user.id, NOW)).goal).toEqual({ kind: "REVIEWS", reviews: 50 });

  expect(await chooseDailyGoalAction({ goal: "CLEAR_DUE" })).toEqual({ ok: true, data: undefined });
  expect(await getStudySettings(user.id)).toMatchObject({ dailyGoalKind: "CLEAR_DUE", dailyGoalReviews: 50 });
});

it("refuses a goal that is not one of the choices and changes nothing", async () => {
  const user = await newUser("chooser", NOW);
  Object.assign(mockActingUser, { id: user.id, username: user.username });
  expect(await chooseDailyGoalAction({ goal: "7" as never })).toMatchObject({ ok: false, code: "INVALID" });
  expect(await isDailyGoalUnchosen(user.id)).toBe(true);
  expect(await getStudySettings(user.id)).toMatchObject({ dailyGoalReviews: 20 });
});

it("counts a save in settings as the goal chosen", async () => {
  const user = await newUser("settler", NOW);
  await updateStudySettings(
    user.id,
    { timeZone: "UTC", dayStartHour: 4, newCardsPerDay: 20, reviewsPerDay: 200, dailyGoalKind: "REVIEWS", dailyGoalReviews: 5 },
    NOW,
  );
  expect(await isDailyGoalUnchosen(user.id)).toBe(false);
});

it("leaves accounts made before the question with their goal, counted as chosen", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-goal-migration-"));
  const db = new Database(path.join(dir, "old.db"));
  try {
    const migrations = path.join(__dirname, "../../prisma/migrations");
    const names = fs
      .readdirSync(migrations)
      .filter((name) => /^\d{14}_/.test(name))
      .sort();
    const mine = names.indexOf("20261203200000_first_week");
    expect(mine).toBeGreaterThan(0);
    for (const name of names.slice(0, mine)) db.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
    db.prepare(
      `INSERT INTO "User" ("id", "username", "usernameKey", "passwordHash", "createdAt") VALUES ('old', 'Old', 'old', 'x', '2026-01-02T03:04:05.000+00:00')`,
    ).run();
    db.exec(fs.readFileSync(path.join(migrations, names[mine], "migration.sql"), "utf8"));
    expect(
      db.prepare(`SELECT "dailyGoalKind", "dailyGoalReviews", "dailyGoalChosenAt" FROM "User" WHERE "id" = 'old'`).get(),
    ).toEqual({
      dailyGoalKind: "REVIEWS",
      dailyGoalReviews: 1,
      dailyGoalChosenAt: "2026-01-02T03:04:05.000+00:00",
    });
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
