/**
 * The streak read (getStreakSummary) for a heavy user: 500,000 review logs over two years.
 *
 *   npx tsx --conditions=react-server scripts/bench/streaks.ts
 *
 * prints p50/p95 for the three kinds of goal on a throwaway database. `benchStreaks` is what the
 * main benchmark calls for a user it has built; `writeStreakHistory` builds that history.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { iso, random } from "./seeded";

const DAY_MS = 24 * 60 * 60 * 1000;
export const STREAK_HISTORY_LOGS = 500_000;
const STREAK_HISTORY_DAYS = 730;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Writes STREAK_HISTORY_LOGS review logs over the last two years straight into the SQLite file
 * (through Prisma it would take minutes): about one day in seven skipped, in runs, with the cards
 * left due over each skipped run reviewed late afterwards, a few undone reviews, and some reviews
 * today. Spread over the user's existing cards. Dates as the Prisma adapter writes them.
 */
export function writeStreakHistory(file: string, userId: string, now: number): number {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  const rand = random(20261129);
  const cards = (db.prepare(`SELECT "id" FROM "Card" WHERE "userId" = ?`).all(userId) as { id: string }[]).map((row) => row.id);
  const insert = db.prepare(
    `INSERT INTO "ReviewLog" ("id", "cardId", "userId", "grade", "state", "due", "lastReview", "stability", "difficulty", "scheduledDays", "learningSteps", "elapsedDays", "reviewedAt", "durationMs", "clientId", "undoneAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const studyDays: number[] = [];
  let skipping = 0;
  for (let day = STREAK_HISTORY_DAYS; day >= 1; day--) {
    if (skipping > 0) skipping--;
    else if (rand() < 0.05) skipping = 1 + Math.floor(rand() * 5);
    else studyDays.push(day);
  }
  const perDay = Math.floor((STREAK_HISTORY_LOGS - 60) / studyDays.length);
  let written = 0;
  const row = (reviewedAt: number, due: number) => {
    const id = `streak-log-${String(written).padStart(7, "0")}`;
    const undone = rand() < 0.002 ? iso(reviewedAt + 5000) : null;
    insert.run(
      id,
      cards[written % cards.length],
      userId,
      rand() < 0.1 ? 1 : 3,
      2,
      iso(due),
      iso(reviewedAt - 10 * DAY_MS),
      20,
      5,
      10,
      0,
      10,
      iso(reviewedAt),
      8000,
      id,
      undone,
    );
    written++;
  };
  db.transaction(() => {
    let previous = STREAK_HISTORY_DAYS + 1;
    for (const day of studyDays) {
      const start = now - day * DAY_MS - ((now % DAY_MS) - 7 * 3600_000);
      // After a skipped run the first reviews are of cards due since the first skipped day.
      const lateFrom = previous - day > 1 ? start - (previous - day - 1) * DAY_MS : start;
      for (let i = 0; i < perDay; i++) {
        const at = start + i * 6000;
        row(at, i < 50 ? lateFrom : at - 3600_000);
      }
      previous = day;
    }
    // The rest today, in the hour before now.
    const left = STREAK_HISTORY_LOGS - written;
    for (let i = 0; i < left; i++) row(now - 3600_000 + (i * 3600_000) / left, now - 2 * 3600_000);
  })();
  db.close();
  return written;
}

/** p50/p95 (ms) of getStreakSummary for one user, after one warm-up call. */
export async function benchStreaks(userId: string, now: Date, calls = 30): Promise<{ calls: number; p50: number; p95: number }> {
  const { getStreakSummary } = await import("@/lib/server/streaks");
  await getStreakSummary(userId, now);
  const durations: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await getStreakSummary(userId, now);
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return { calls, p50: percentile(durations, 50), p95: percentile(durations, 95) };
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "../..");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-streaks-"));
  const file = path.join(tmp, "bench.db");
  process.env.DATABASE_URL = `file:${file}`;
  try {
    const migrate = spawnSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
    });
    if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
    const { seedBuiltInDecks } = await import("@/lib/server/decks");
    const { createUser } = await import("@/lib/server/users");
    const { getStreakSummary } = await import("@/lib/server/streaks");
    const { updateStudySettings } = await import("@/lib/server/settings");
    const { readBuiltInDeckFiles } = await import("../../prisma/seed");
    const now = Date.now();
    await seedBuiltInDecks(readBuiltInDeckFiles(), new Date(now - (STREAK_HISTORY_DAYS + 1) * DAY_MS));
    const user = await createUser(
      { username: "bench-streaks", password: "bench-password-not-secret", timeZone: "Europe/Berlin" },
      new Date(now - (STREAK_HISTORY_DAYS + 1) * DAY_MS),
    );
    const built = performance.now();
    const logs = writeStreakHistory(file, user.id, now);
    console.log(
      `${logs.toLocaleString("en-US")} review logs over ${STREAK_HISTORY_DAYS} days written in ${((performance.now() - built) / 1000).toFixed(1)} s`,
    );
    const goals = [
      { label: "goal: 1 review", dailyGoalKind: "REVIEWS", dailyGoalReviews: 1 },
      { label: "goal: 20 reviews", dailyGoalKind: "REVIEWS", dailyGoalReviews: 20 },
      { label: "goal: 1000 reviews", dailyGoalKind: "REVIEWS", dailyGoalReviews: 1000 },
      { label: "goal: clear the due queue", dailyGoalKind: "CLEAR_DUE", dailyGoalReviews: 1 },
    ] as const;
    const settings = { timeZone: "Europe/Berlin", dayStartHour: 4, newCardsPerDay: 20, reviewsPerDay: 200 };
    for (const goal of goals) {
      await updateStudySettings(user.id, {
        ...settings,
        dailyGoalKind: goal.dailyGoalKind,
        dailyGoalReviews: goal.dailyGoalReviews,
      });
      const timing = await benchStreaks(user.id, new Date(now));
      const summary = await getStreakSummary(user.id, new Date(now));
      console.log(
        `getStreakSummary, ${goal.label}: p50 ${timing.p50.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms ` +
          `(current ${summary.current}, longest ${summary.longest}, freezes ${summary.freezesHeld})`,
      );
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
