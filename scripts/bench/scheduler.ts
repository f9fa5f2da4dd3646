import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sealData } from "iron-session";
import { seededRandom } from "@/lib/quiz/random";
import { disconnect, write } from "@/lib/server/db";
import { runFitChild } from "@/lib/server/optimizer-process";
import { createSession } from "@/lib/server/session-rows";
import { createUser } from "@/lib/server/users";
import { trainingItems, type OptimizerLog } from "@/lib/srs/fsrs-items";
import { simulateWorkload, WORKLOAD_RETENTIONS } from "@/lib/srs/simulate-workload";
import { simulateLearner } from "@/lib/srs/synthetic-learner";
import { startNextServer } from "../next-server";
import { healthLatencies, mib, ms, percentile } from "./probes";

/*
 * BENCH_ONLY=scheduler: the scheduler's figures, self-contained (its own database and server).
 * 1. The workload simulator: 5,000 cards over 365 days at the 8 retentions of the settings chart.
 * 2. Fitting FSRS to 100,000 reviews in the optimizer's child process: wall time and the child's
 *    peak memory.
 * 3. Under `next start`: /api/health latency with nothing else running, then while the same fit
 *    runs, started through the app's own action ("Fit FSRS to my reviews") for a learner whose
 *    review log holds those reviews.
 */

const ROOT = path.resolve(__dirname, "../..");
const DAY = 86_400_000;
const SESSION_SECRET = "0976379dd392344f432fd6e0c73233957a0a1a06415111d3fd715ab4e4560fd2";
const SESSION_COOKIE = "mesa_session";
const HEALTH_SECONDS = 8;
const HEALTH_CONNECTIONS = 4;
const TRUE_W = [
  0.8, 2.5, 6.0, 20.0, 6.4133, 0.8334, 3.0194, 0.001, 1.3, 0.1666, 0.796, 2.2, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
  0.0912, 0.0658, 0.1542,
];

const CARDS = 10_000;

/** About 100,000 reviews of a synthetic learner (seeded), in time order. */
function hundredThousandReviews() {
  return simulateLearner({ weights: TRUE_W, cards: CARDS, newPerDay: 35, days: 365, retention: 0.9, random: seededRandom(2026) });
}

function benchSimulator(): void {
  console.log("\n== Workload simulator (lib/srs/simulate-workload.ts)\n");
  const random = seededRandom(1);
  const cards = Array.from({ length: 5000 }, (_, i) =>
    i < 3500
      ? {
          state: 2 as const,
          stability: 0.5 + random() * 120,
          difficulty: 1 + random() * 9,
          daysSinceReview: Math.floor(random() * 30),
        }
      : { state: 0 as const, stability: 0, difficulty: 0, daysSinceReview: 0 },
  );
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    simulateWorkload({
      cards,
      weights: null,
      retentions: WORKLOAD_RETENTIONS,
      days: 365,
      newPerDay: 20,
      maximumIntervalDays: 36500,
      relearningSteps: 1,
      secondsPerReview: 8,
      secondsPerLapse: 20,
      random: (r) => seededRandom(Math.round(r * 1000)),
    });
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `5,000 cards (3,500 studied, 1,500 new at 20 a day) x 365 days x ${WORKLOAD_RETENTIONS.length} retentions: ` +
      `first run ${ms(times[0])}, median of 5 ${ms(percentile(sorted, 50))}, slowest ${ms(sorted.at(-1)!)} (target: under 2,000 ms)`,
  );
}

async function benchFit(): Promise<void> {
  console.log("\n== Fitting FSRS in the child process (scripts/fsrs-fit-child.cjs)\n");
  const reviews = hundredThousandReviews();
  const logs: OptimizerLog[] = reviews.map((r, i) => ({
    cardId: String(r.card),
    grade: r.grade,
    state: r.first ? 0 : 2,
    kind: "GRADE",
    reviewedAtMs: r.day * DAY + 43_200_000 + i,
    undone: false,
  }));
  const built = performance.now();
  const items = trainingItems(logs, (t) => Math.floor(t / DAY));
  const buildMs = performance.now() - built;
  const start = performance.now();
  const outcome = await runFitChild({ items, currentWeights: null, numRelearningSteps: 1 }, () => {});
  const fitMs = performance.now() - start;
  console.log(
    `${reviews.length.toLocaleString("en-US")} reviews of ${CARDS.toLocaleString("en-US")} cards over a year -> ${items.length.toLocaleString("en-US")} training items (built in ${ms(buildMs)})`,
  );
  console.log(
    `fit + time-series evaluation (4 folds) in the child: ${ms(fitMs)} wall; child peak RSS ${mib(outcome.peakRssBytes)}; ` +
      `log loss current ${outcome.current?.logLoss.toFixed(4)} -> fitted ${outcome.fitted?.logLoss.toFixed(4)}`,
  );
}

function serverActionId(file: string, exportName: string): string | undefined {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  return Object.entries(manifest.node).find(
    ([, entry]) => entry.exportedName === exportName && entry.filename?.endsWith(file),
  )?.[0];
}

async function benchHealthDuringFit(): Promise<void> {
  console.log("\n== /api/health under next start, alone and while a fit of 100,000 reviews runs\n");
  if (!fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("No production build (.next/BUILD_ID): run `npm run build` first. Skipped.");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-scheduler-"));
  const databaseUrl = `file:${path.join(dir, "mesa.db")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MESA_SESSION_SECRET: SESSION_SECRET,
    MESA_COOKIE_SECURE: "false",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  execFileSync("npm", ["run", "--silent", "db:setup"], { cwd: ROOT, env, stdio: "pipe" });
  process.env.DATABASE_URL = databaseUrl;
  const now = Date.now();
  const user = await createUser({ username: "fitter", password: "bench fitter password", timeZone: "UTC" }, new Date(now));
  // The learner's cards, on a deck of their own, and a year of reviews of them in the log.
  const reviews = hundredThousandReviews();
  const cardIds = await write(async (tx) => {
    const deck = await tx.deck.create({ data: { slug: "bench-own", title: "Bench", ownerId: user.id } });
    await tx.concept.createMany({
      data: Array.from({ length: CARDS }, (_, i) => ({
        id: `bench-concept-${i}`,
        deckId: deck.id,
        slug: `c${i}`,
        position: i,
        term: `T${i}`,
        definition: "D",
      })),
    });
    await tx.card.createMany({
      data: Array.from({ length: CARDS }, (_, i) => ({
        id: `bench-card-${i}`,
        userId: user.id,
        conceptId: `bench-concept-${i}`,
        deckId: deck.id,
        kind: "TERM_TO_DEFINITION",
        due: new Date(now),
      })),
    });
    return Array.from({ length: CARDS }, (_, i) => `bench-card-${i}`);
  });
  const start = now - 366 * DAY;
  for (let from = 0; from < reviews.length; from += 5000) {
    await write((tx) =>
      tx.reviewLog.createMany({
        data: reviews.slice(from, from + 5000).map((r, k) => {
          const at = new Date(start + r.day * DAY + 43_200_000 + (from + k) * 10);
          return {
            cardId: cardIds[r.card],
            userId: user.id,
            grade: r.grade,
            state: r.first ? 0 : 2,
            due: at,
            stability: 0,
            difficulty: 0,
            scheduledDays: 0,
            learningSteps: 0,
            elapsedDays: 0,
            reviewedAt: at,
            durationMs: 6000,
            clientId: `bench-${from + k}`,
          };
        }),
      }),
    );
  }
  const token = await createSession(user.id, "mesa-bench", new Date(now));
  await disconnect();
  const cookie = `${SESSION_COOKIE}=${await sealData({ token }, { password: SESSION_SECRET, ttl: 30 * 86400 })}`;
  const server = await startNextServer(env);
  try {
    const base = server.baseUrl;
    await healthLatencies(base, 2, undefined, HEALTH_CONNECTIONS);
    const alone = await healthLatencies(base, HEALTH_SECONDS, undefined, HEALTH_CONNECTIONS);
    const actionId = serverActionId("settings/actions.ts", "startFitAction");
    if (!actionId) throw new Error("startFitAction is not in .next/server/server-reference-manifest.json");
    const started = performance.now();
    const response = await fetch(`${base}/settings`, {
      method: "POST",
      headers: {
        cookie,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        "next-action": actionId,
        origin: base,
      },
      body: JSON.stringify([{}]),
    });
    const answer = await response.text();
    if (!/"ok":true/.test(answer)) throw new Error(`The fit did not start: ${answer.slice(0, 300)}`);
    const finished = (async () => {
      for (;;) {
        const status = (await (await fetch(`${base}/api/optimizer`, { headers: { cookie } })).json()) as {
          job: { status: string } | null;
          candidate: unknown;
        };
        if (status.job?.status === "failed") throw new Error("The fit failed under the server");
        if (!status.job && status.candidate) return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const during = await healthLatencies(base, 120, finished, HEALTH_CONNECTIONS);
    const fitMs = await finished;
    const row = (label: string, l: number[]) =>
      `${label.padEnd(22)} ${String(l.length).padStart(6)} requests  p50 ${ms(percentile(l, 50)).padStart(9)}  p95 ${ms(percentile(l, 95)).padStart(9)}  max ${ms(l.at(-1) ?? NaN).padStart(9)}`;
    console.log(`${HEALTH_CONNECTIONS} connections in a loop:`);
    console.log(row("health alone", alone));
    console.log(row("health during the fit", during));
    console.log(`The fit under the server (action to result stored, polled every 100 ms): ${ms(fitMs)}`);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchScheduler(): Promise<void> {
  console.log(`Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}`);
  benchSimulator();
  await benchFit();
  await benchHealthDuringFit();
}
