import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { useTestDatabase } from "../helpers/test-db";

const database = useTestDatabase();

import { disconnect, read, write } from "@/lib/server/db";
import { backupDatabase, defaultBackupPath, integrityCheck } from "@/scripts/backup";
import { newUser, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const ROOT = path.resolve(__dirname, "../..");
const execFileAsync = promisify(execFile);

/** What the app's data layer reads: users, cards and review logs, whole rows. */
const contents = () =>
  read(async (db) => ({
    users: await db.user.findMany({ orderBy: { id: "asc" } }),
    cards: await db.card.findMany({ orderBy: { id: "asc" } }),
    logs: await db.reviewLog.findMany({ orderBy: { id: "asc" } }),
  }));

/** Points the data layer at another database file (a restart of the app, as far as it can tell). */
async function reopenAt(file: string): Promise<void> {
  await disconnect();
  process.env.DATABASE_URL = `file:${file}`;
}

let written = 0;
/** One review of the user's first card, through write(), as the app records one. */
async function recordOne(userId: string, cardId: string): Promise<void> {
  written += 1;
  const at = new Date(NOW.getTime() + written * 1000);
  await write((tx) =>
    tx.reviewLog.create({
      data: {
        cardId,
        userId,
        grade: 3,
        state: 0,
        due: at,
        stability: 0,
        difficulty: 0,
        scheduledDays: 0,
        learningSteps: 0,
        elapsedDays: 0,
        reviewedAt: at,
        durationMs: 1000,
        clientId: `loop-${String(written).padStart(8, "0")}`,
      },
    }),
  );
}

afterAll(async () => {
  await disconnect();
});

it("copies the database while writes run; the copy passes integrity_check, reads the same, and the restore steps bring it back", async () => {
  await seedBuiltIn(NOW);
  const users = [await newUser("alice", NOW), await newUser("bob", NOW)];
  const card = await read((db) => db.card.findFirstOrThrow({ where: { userId: users[0].id } }));
  for (let i = 0; i < 200; i++) await recordOne(users[0].id, card.id);
  const before = await contents();

  // A loop of writes, as a busy server makes, for as long as the backup runs.
  let running = true;
  const loop = (async () => {
    let n = 0;
    while (running) {
      await recordOne(users[1].id, card.id);
      n += 1;
      // Requests arrive as events: the backup's steps (setImmediate) get their turns between them.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return n;
  })();
  const destination = defaultBackupPath(database.file, NOW);
  expect(destination).toBe(path.join(path.dirname(database.file), "backups", "mesa-2026-03-07T12-00-00-000Z.db"));
  // `npm run backup -- <destination>`, in its own process as an operator runs it beside the app.
  const command = execFileAsync(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/backup.ts"), destination], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${database.file}` },
  }).finally(() => (running = false));
  const { stdout } = await command;
  const writesDuring = await loop;
  expect(writesDuring).toBeGreaterThan(0);

  expect(stdout).toContain(`to   ${destination}`);
  expect(stdout).toMatch(new RegExp(`size \\d+\\.\\d MB \\(${fs.statSync(destination).size} bytes\\)`));
  expect(stdout).toMatch(/took \d+\.\d\d s/);
  expect(fs.statSync(destination).mode & 0o777).toBe(0o600);
  expect(fs.existsSync(`${destination}-wal`)).toBe(false);
  expect(integrityCheck(destination)).toBe("ok");
  await expect(backupDatabase(database.file, destination)).rejects.toThrow(/already exists/);

  const live = await contents();
  expect(live.logs.length).toBe(before.logs.length + writesDuring);

  // The app's data layer on the copy: the same users and cards, and the log as it was at one moment of the loop.
  const source = database.file;
  const sideCopy = path.join(path.dirname(source), "inspect.db");
  fs.copyFileSync(destination, sideCopy);
  await reopenAt(sideCopy);
  const copy = await contents();
  expect(copy.users).toEqual(live.users);
  expect(copy.cards).toEqual(live.cards);
  expect(copy.logs.length).toBeGreaterThanOrEqual(before.logs.length);
  const copyIds = new Set(copy.logs.map((log) => log.id));
  expect(before.logs.filter((log) => !copyIds.has(log.id))).toEqual([]);
  const liveById = new Map(live.logs.map((log) => [log.id, log]));
  for (const log of copy.logs) expect(liveById.get(log.id)).toEqual(log);

  // Something goes wrong on the live database after the backup.
  await reopenAt(source);
  await write((tx) => tx.user.delete({ where: { id: users[0].id } }));
  expect((await contents()).users).toHaveLength(1);

  // README "Backups", restore: 1. stop the app; 2. replace the database file with the copy (the old
  // -wal and -shm go with the old file); 3. check it; 4. start the app.
  await disconnect();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${source}${suffix}`, { force: true });
  fs.copyFileSync(destination, source);
  fs.chmodSync(source, 0o600);
  expect(integrityCheck(source)).toBe("ok");
  expect(await contents()).toEqual(copy);
});
