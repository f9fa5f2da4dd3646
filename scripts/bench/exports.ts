import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sealData } from "iron-session";
import { createSession } from "@/lib/server/session-rows";
import { createUser } from "@/lib/server/users";
import { startNextServer } from "../next-server";
import { buildLargeUser } from "./large-user";

/*
 * BENCH_ONLY=export: the downloads of a learner with 20,000 cards and 100,000 reviews (the large
 * user of scripts/bench/large-user.ts with a fifth of its history), under `next start`:
 * for each export its wall time (request to last byte), the server's CPU time and the server's peak
 * resident memory (its process group: the package builder's child included), measured with
 * nothing else running; then the same downloads again with /api/health polled meanwhile, against
 * the same poller with nothing else running.
 */

const ROOT = path.resolve(__dirname, "../..");
const SESSION_SECRET = "0976379dd392344f432fd6e0c73233957a0a1a06415111d3fd715ab4e4560fd2";
const SESSION_COOKIE = "mesa_session";
const REVIEWS = 100_000;
const HEALTH_CONNECTIONS = 2;
const IDLE_SECONDS = 5;
const RUNS = 3;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The pids of a process group, from /proc (Linux). */
function groupPids(pgid: number): string[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid;
      } catch {
        return false;
      }
    });
}

/** CPU time (ms) used so far by a process group (utime + stime, 100 ticks a second). */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Ended meanwhile.
    }
  }
  return ticks * 10;
}

/** Resets the peak RSS (VmHWM) of every process of the group (clear_refs 5, Linux 4.0+). */
function resetPeakRss(pgid: number): void {
  for (const pid of groupPids(pgid)) {
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    } catch {
      // Not permitted or ended: that process's peak stays its lifetime peak.
    }
  }
}

/** The summed peak RSS (bytes) of the group's processes since the last reset. */
function groupPeakRss(pgid: number): number {
  let kb = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) kb += Number(match[1]);
    } catch {
      // Ended meanwhile.
    }
  }
  return kb * 1024;
}

/** Latencies of /api/health from HEALTH_CONNECTIONS loops until `until` settles, or `seconds` pass. */
async function healthLatencies(base: string, seconds: number, until?: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  const timer = setTimeout(() => (done = true), seconds * 1000);
  void until?.finally(() => (done = true));
  await Promise.all(
    Array.from({ length: HEALTH_CONNECTIONS }, async () => {
      while (!done) {
        const start = performance.now();
        await (await fetch(`${base}/api/health`)).arrayBuffer();
        latencies.push(performance.now() - start);
      }
    }),
  );
  clearTimeout(timer);
  return latencies.sort((a, b) => a - b);
}

const healthCells = (l: number[]) =>
  `p50 ${ms(percentile(l, 50)).padStart(9)}  p95 ${ms(percentile(l, 95)).padStart(9)}  max ${ms(l.at(-1) ?? NaN).padStart(9)}  (${l.length} requests)`;

export async function benchExports(): Promise<void> {
  console.log(`\n== Exports of a 20,000-card learner with ${REVIEWS.toLocaleString("en-US")} reviews, under next start\n`);
  if (!fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("No production build (.next/BUILD_ID): run `npm run build` first. Skipped.");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-exports-"));
  const file = path.join(dir, "mesa.db");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${file}`,
    MESA_SESSION_SECRET: SESSION_SECRET,
    MESA_COOKIE_SECURE: "false",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  execFileSync("npm", ["run", "--silent", "db:setup"], { cwd: ROOT, env, stdio: "pipe" });
  process.env.DATABASE_URL = `file:${file}`;
  const now = Date.now();
  const user = await createUser(
    { username: "exporter", password: "bench exporter password", timeZone: "UTC" },
    new Date(now - 731 * 86_400_000),
  );
  const built = buildLargeUser(file, user.id, now, REVIEWS);
  const token = await createSession(user.id, "mesa-bench", new Date(now));
  console.log(`${built.cards.toLocaleString("en-US")} cards, ${built.logs.toLocaleString("en-US")} review logs`);
  const cookie = `${SESSION_COOKIE}=${await sealData({ token }, { password: SESSION_SECRET, ttl: 30 * 86400 })}`;
  const server = await startNextServer(env);
  const pgid = server.child.pid!;
  try {
    const base = server.baseUrl;
    await healthLatencies(base, 2);
    const idle = await healthLatencies(base, IDLE_SECONDS);
    console.log(`/api/health, ${HEALTH_CONNECTIONS} connections in a loop, nothing else running: ${healthCells(idle)}\n`);
    const downloads = [
      ["review log CSV", "/api/export/review-log"],
      ["cards TSV", "/api/export/cards"],
      ["deck markdown (2,500 concepts)", "/api/export/decks/bench-large-deck-0/markdown"],
      ["deck .apkg (5,000 cards)", "/api/export/decks/bench-large-deck-0/apkg"],
    ] as const;
    for (const [label, url] of downloads) {
      const get = async () => {
        const start = performance.now();
        const response = await fetch(`${base}${url}`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
        const bytes = (await response.arrayBuffer()).byteLength;
        return { wall: performance.now() - start, bytes };
      };
      // One unmeasured download first: the route's code is compiled and loaded on its first call.
      await get();
      // Alone: nothing else asks the server anything, so its CPU time is the downloads' own.
      const alone: number[] = [];
      let bytes = 0;
      const cpuBefore = groupCpuMs(pgid);
      resetPeakRss(pgid);
      for (let run = 0; run < RUNS; run++) {
        const result = await get();
        alone.push(result.wall);
        bytes = result.bytes;
      }
      const cpu = (groupCpuMs(pgid) - cpuBefore) / RUNS;
      const peak = groupPeakRss(pgid);
      // Then again, with the health check polled meanwhile.
      const busy: number[] = [];
      const runs = (async () => {
        for (let run = 0; run < RUNS; run++) busy.push((await get()).wall);
      })();
      const during = await healthLatencies(base, 600, runs);
      await runs;
      const sorted = [...alone].sort((a, b) => a - b);
      console.log(
        `${label}: ${(bytes / 1024).toFixed(0)} KiB; wall median ${ms(percentile(sorted, 50))} (runs ${alone.map((w) => w.toFixed(0)).join(", ")} ms); ` +
          `server CPU ${ms(cpu)} a download; server peak RSS ${mib(peak)}`,
      );
      console.log(
        `  with the health poller: wall ${busy.map((w) => w.toFixed(0)).join(", ")} ms; /api/health ${healthCells(during)}`,
      );
    }
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
