import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sealData } from "iron-session";

/*
 * What the benchmarks that run a server measure it with: the CPU time and peak memory of its
 * process group (its children included) from /proc, and the health check's latency while
 * something else runs.
 */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The pids of a process group, from /proc (Linux). */
export function groupPids(pgid: number): string[] {
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
export function groupCpuMs(pgid: number): number {
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
export function resetPeakRss(pgid: number): void {
  for (const pid of groupPids(pgid)) {
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    } catch {
      // Not permitted or ended: that process's peak stays its lifetime peak.
    }
  }
}

/** The summed peak RSS (bytes) of the group's processes since the last reset. */
export function groupPeakRss(pgid: number): number {
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

/** Latencies of /api/health from `connections` loops until `until` settles, or `seconds` pass. */
export async function healthLatencies(
  base: string,
  seconds: number,
  until?: Promise<unknown>,
  connections = 2,
): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  const timer = setTimeout(() => (done = true), seconds * 1000);
  void until?.finally(() => (done = true));
  await Promise.all(
    Array.from({ length: connections }, async () => {
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

export const healthCells = (l: number[]) =>
  `p50 ${ms(percentile(l, 50)).padStart(9)}  p95 ${ms(percentile(l, 95)).padStart(9)}  max ${ms(l.at(-1) ?? NaN).padStart(9)}  (${l.length} requests)`;

const ROOT = path.resolve(__dirname, "../..");
const SESSION_SECRET = "0976379dd392344f432fd6e0c73233957a0a1a06415111d3fd715ab4e4560fd2";
const SESSION_COOKIE = "mesa_session";

export interface BenchDatabase {
  dir: string;
  /** The environment of `next start` on it. */
  env: NodeJS.ProcessEnv;
}

/**
 * A throwaway database set up as `npm start` sets one up (migrated and seeded), which this process
 * then uses too; or null, said on the console, when there is no production build to serve it.
 */
export function benchDatabase(prefix: string): BenchDatabase | null {
  if (!fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("No production build (.next/BUILD_ID): run `npm run build` first. Skipped.");
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mesa-bench-${prefix}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "mesa.db")}`,
    MESA_SESSION_SECRET: SESSION_SECRET,
    MESA_COOKIE_SECURE: "false",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  execFileSync("npm", ["run", "--silent", "db:setup"], { cwd: ROOT, env, stdio: "pipe" });
  process.env.DATABASE_URL = env.DATABASE_URL;
  return { dir, env };
}

/** The session cookie a browser holds for the session `token`. */
export async function sessionCookie(token: string): Promise<string> {
  return `${SESSION_COOKIE}=${await sealData({ token }, { password: SESSION_SECRET, ttl: 30 * 86400 })}`;
}
