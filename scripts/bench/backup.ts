/*
 * `npx tsx --conditions=react-server scripts/bench/backup.ts`: the account backup and restore of
 * the benchmark's heavy user (scripts/bench/large-user.ts: 20,000 cards, 500,000 review logs), in a
 * throwaway database. Prints the time, the file's size, the longest the event loop was blocked
 * (what another request would wait), the peak memory, and then the same for the restore of that
 * file into a new account, and an operator backup of the whole database.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { buildLargeUser } from "./large-user";

const ROOT = path.resolve(__dirname, "../..");
const PRISMA_BIN = path.join(ROOT, "node_modules/.bin/prisma");
const MB = 1024 * 1024;

function measure() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  const started = performance.now();
  return () => {
    clearInterval(sampler);
    histogram.disable();
    return {
      seconds: ((performance.now() - started) / 1000).toFixed(2),
      maxBlockMs: (histogram.max / 1e6).toFixed(0),
      p99BlockMs: (histogram.percentile(99) / 1e6).toFixed(0),
      peakRssMb: (peakRss / MB).toFixed(0),
      peakHeapMb: (peakHeap / MB).toFixed(0),
    };
  };
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-backup-"));
  const file = path.join(tmp, "bench.db");
  process.env.DATABASE_URL = `file:${file}`;
  try {
    const migrate = spawnSync(PRISMA_BIN, ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed: ${String(migrate.stderr)}`);
    const { disconnect, read } = await import("@/lib/server/db");
    const { createUser } = await import("@/lib/server/users");
    const { streamAccountBackup, restoreAccountBackup } = await import("@/lib/server/backup");
    const { backupDatabase } = await import("../backup");

    const now = new Date();
    const large = await createUser({ username: "bench-large", password: "bench-password-not-secret", timeZone: "UTC" }, now);
    const built = buildLargeUser(file, large.id, now.getTime());
    console.log(`Heavy user: ${built.cards} cards, ${built.logs} review logs`);

    const backupDone = measure();
    const { stream } = await streamAccountBackup(large.id, now);
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      bytes += chunk.byteLength;
    }
    const backup = backupDone();
    console.log(
      `Backup download: ${backup.seconds} s, ${(bytes / MB).toFixed(1)} MB gzip, event loop blocked at most ${backup.maxBlockMs} ms ` +
        `(p99 ${backup.p99BlockMs} ms), peak RSS ${backup.peakRssMb} MB, peak heap ${backup.peakHeapMb} MB`,
    );

    const body = Buffer.concat(chunks);
    chunks.length = 0;
    const target = await createUser({ username: "bench-restore", password: "bench-password-not-secret", timeZone: "UTC" }, now);
    const restoreDone = measure();
    const summary = await restoreAccountBackup(target.id, body, now);
    const restore = restoreDone();
    console.log(
      `Restore: ${restore.seconds} s (${summary.cards} cards, ${summary.reviews} reviews), event loop blocked at most ` +
        `${restore.maxBlockMs} ms (p99 ${restore.p99BlockMs} ms), peak RSS ${restore.peakRssMb} MB, peak heap ${restore.peakHeapMb} MB`,
    );
    const restoredLogs = await read((db) => db.reviewLog.count({ where: { userId: target.id } }));
    if (restoredLogs !== built.logs) throw new Error(`Restored ${restoredLogs} logs, expected ${built.logs}`);

    await disconnect();
    const operator = await backupDatabase(file, path.join(tmp, "copy.db"));
    console.log(
      `npm run backup of the whole database: ${(operator.ms / 1000).toFixed(2)} s, ${(operator.bytes / MB).toFixed(1)} MB`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
