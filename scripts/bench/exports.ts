import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { createSession } from "@/lib/server/session-rows";
import { createUser } from "@/lib/server/users";
import { startNextServer } from "../next-server";
import { buildLargeUser } from "./large-user";
import {
  benchDatabase,
  groupCpuMs,
  groupPeakRss,
  healthCells,
  healthLatencies,
  mib,
  ms,
  percentile,
  resetPeakRss,
  sessionCookie,
} from "./probes";

/*
 * BENCH_ONLY=export: the downloads of a learner with 20,000 cards and 100,000 reviews (the large
 * user of scripts/bench/large-user.ts with a fifth of its history), under `next start`:
 * for each export its wall time (request to last byte), the server's CPU time and the server's peak
 * resident memory (its process group: the package builder's child included), measured with
 * nothing else running; then the same downloads again with /api/health polled meanwhile, against
 * the same poller with nothing else running.
 */

const REVIEWS = 100_000;
const IDLE_SECONDS = 5;
const RUNS = 3;

export async function benchExports(): Promise<void> {
  console.log(`\n== Exports of a 20,000-card learner with ${REVIEWS.toLocaleString("en-US")} reviews, under next start\n`);
  const database = benchDatabase("exports");
  if (!database) return;
  const { dir, env } = database;
  const file = (env.DATABASE_URL ?? "").slice("file:".length);
  const now = Date.now();
  const user = await createUser(
    { username: "exporter", password: "bench exporter password", timeZone: "UTC" },
    new Date(now - 731 * 86_400_000),
  );
  const built = buildLargeUser(file, user.id, now, REVIEWS);
  const token = await createSession(user.id, "mesa-bench", new Date(now));
  console.log(`${built.cards.toLocaleString("en-US")} cards, ${built.logs.toLocaleString("en-US")} review logs`);
  const cookie = await sessionCookie(token);
  const server = await startNextServer(env);
  const pgid = server.child.pid!;
  try {
    const base = server.baseUrl;
    await healthLatencies(base, 2);
    const idle = await healthLatencies(base, IDLE_SECONDS);
    console.log(`/api/health, 2 connections in a loop, nothing else running: ${healthCells(idle)}\n`);
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
