/**
 * Mesa benchmark: prints throughput and latency figures, with the machine they were measured on.
 * Not a test: there are no thresholds.
 *
 *   npm run bench
 *
 * 1. In process, on a throwaway SQLite database: recordReview (sequential, and 10 at a time through
 *    the write queue), getReviewQueue and getHomeSummary for a user with ~2,000 cards, and for a
 *    user with 20,000 cards over four decks and 500,000 review logs over two years
 *    (scripts/bench/large-user.ts). For the 20,000-card user also: the statistics page's data
 *    (getStats), building and storing a 20-question quiz (createQuiz), and the pure buildQuiz.
 * 2. Over HTTP against `next start` on the same database (running `next build` first when there
 *    is no build): /api/health as the baseline, then the home and review pages of both users and
 *    the statistics page of the large one, signed in; and quiz answers posted to answerQuizAction
 *    (each to a different unanswered question of quizzes built beforehand).
 *    Then grades posted to gradeCardAction for the large user, one at a time, each to a different
 *    due card, and the CPU budgets (scripts/bench/budgets.ts) with met / not met.
 * 3. The gzipped first-load JS of /review, from the build's route-bundle-stats.json.
 * 4. A sign-in flood against a signed-in user's home page (scripts/bench/sign-in-flood.ts); BENCH_ONLY=sign-in-flood runs only it.
 * 5. Reading a 20,000-note Anki package with 500,000 reviews (scripts/bench/import.ts): parse and
 *    replay time and peak memory, then the whole import through the server (upload, reading in the
 *    child, the write) with the health check's latency meanwhile; BENCH_ONLY=import runs only it
 *    (the full run does not).
 * 6. The scheduler (scripts/bench/scheduler.ts): the workload simulator, fitting FSRS to 100,000
 *    reviews, and the health check while a fit runs: BENCH_ONLY=scheduler (on its own, since it
 *    opens a database of its own in this process).
 * 7. The downloads of a 20,000-card learner with 100,000 reviews (scripts/bench/exports.ts): each
 *    export's wall time, server CPU and peak memory, and the health check's latency while it runs:
 *    BENCH_ONLY=export (on its own: its own database and server).
 *
 * Environment: BENCH_SECONDS (HTTP seconds per route, default 6), BENCH_REBUILD=1 (run
 * `next build` even when a build exists; by default an existing build is used as it is),
 * BENCH_ONLY=budgets (what the budgets need: the health check and the large user's pages and
 * grades over HTTP; no statistics or quiz timings in process, no 2,000-card pages, no quiz answers),
 * BENCH_ONLY=cards (the card browser /cards of the 20,000-card user only: its data in process, with
 * no search and with words + prop:, and both pages over HTTP beside the health check).
 * BENCH_ONLY=edit (only the in-process edit of a concept and rewording of a built-in one, for the
 * 20,000-card user: scripts/bench/edit-concept.ts).
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { sealData } from "iron-session";
import { buildQuiz, seededRandom, type QuizConcept, type QuizQuestion } from "@/lib/quiz";
import { modesOf } from "@/lib/quiz/setup";
import { BUDGET_HEADER, budgetRows, CARDS_QUERY, CARDS_QUERY_PATH, gradeLoad, type GradableCard } from "./bench/budgets";
import { buildLargeUser, LARGE_DECKS } from "./bench/large-user";
import { benchExports } from "./bench/exports";
import { benchImport } from "./bench/import";
import { benchScheduler } from "./bench/scheduler";
import { benchSignInFlood } from "./bench/sign-in-flood";
import { benchEditConcept } from "./bench/edit-concept";
import { benchStats } from "./bench/stats";
import { groupAlive, startNextServer } from "./next-server";

const ROOT = path.resolve(__dirname, "..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const PRISMA_BIN = path.join(ROOT, "node_modules/.bin/prisma");

const HTTP_SECONDS = positiveInt(process.env.BENCH_SECONDS, 6);
const ONLY_BUDGETS = process.env.BENCH_ONLY === "budgets";
const ONLY_CARDS = process.env.BENCH_ONLY === "cards";
const CARDS_TARGET_P50_MS = 30;
const ONLY_EDIT = process.env.BENCH_ONLY === "edit";
const HTTP_WARMUP_SECONDS = Math.min(2, HTTP_SECONDS);
const CONNECTIONS = 10;
const GRADES_PER_RUN = 500;
const WRITE_CONCURRENCY = 10;
const READ_CALLS = 50;
const QUIZ_CALLS = 30;
// Unanswered questions prepared for the HTTP answer load: more than the server answers in
// BENCH_SECONDS on this machine (each whole-collection quiz has one question per concept).
const ANSWERS_PREPARED = 5_000;
// Targets from the issue, printed beside the figures (not enforced: this is not a test).
const STATS_TARGET_P50_MS = 300;
const QUIZ_TARGET_P50_MS = 20;
const EDIT_TARGET_P50_MS = 10;

// 1,000 synthetic concepts (2,000 cards) plus the built-in deck's 27 (54 cards): >= 2,000 cards.
const SYNTHETIC_CONCEPTS = 1000;
const SYNTHETIC_SLUG = "bench-synthetic";
// Study history: this many cards graded Easy, spread over the last HISTORY_DAYS days. Easy makes
// them Review cards with a ~8-day interval, so roughly the older three quarters are due today.
const HISTORY_CARDS = 400;
const HISTORY_DAYS = 30;
// Again, Hard, Good, Easy in roughly the proportions people press them.
const GRADE_MIX = [3, 3, 1, 3, 3, 2, 3, 3, 4, 3] as const;

// 64 hex characters (sha256 of "mesa bench"): fixed so runs are comparable; used only with the throwaway database.
const SESSION_SECRET = "0976379dd392344f432fd6e0c73233957a0a1a06415111d3fd715ab4e4560fd2";
const SESSION_TTL_S = 30 * 24 * 60 * 60;
const SESSION_COOKIE = "mesa_session";
const HEALTH_TIMEOUT_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/* ---------- small helpers ---------- */

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
const int = (n: number) => n.toLocaleString("en-US");
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** A table row: cells, or a label with a note in place of its figures. */
type Row = string[] | { label: string; note: string };

/** Prints rows as aligned columns: the first left-aligned, the rest right-aligned. */
function printTable(header: string[], rows: Row[]): void {
  const cellRows = rows.filter((row): row is string[] => Array.isArray(row));
  const labels = rows.map((row) => (Array.isArray(row) ? row[0] : row.label));
  const widths = header.map((h, i) =>
    Math.max(h.length, ...(i === 0 ? labels : cellRows.map((row) => row[i] ?? "")).map((c) => c.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(Array.isArray(row) ? line(row) : `${row.label.padEnd(widths[0])}  ${row.note}`);
}

function section(title: string): void {
  console.log(`\n== ${title}\n`);
}

/* ---------- in-process timing ---------- */

interface Timing {
  calls: number;
  callsPerSecond: number;
  p50: number;
  p95: number;
  /** Median CPU time of this process per call (one call at a time only): on a shared machine, wall time also counts waiting for a core. */
  cpuP50: number;
}

function summarize(durations: number[], elapsedMs: number, cpu: number[]): Timing {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    calls: durations.length,
    callsPerSecond: (durations.length / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    cpuP50: percentile(
      [...cpu].sort((a, b) => a - b),
      50,
    ),
  };
}

/** Runs task(item) for every item, `concurrency` at a time; per-call time includes queueing. */
async function timeCalls<T>(items: T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<Timing> {
  const durations: number[] = [];
  const cpu: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      await task(item);
      durations.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      if (concurrency === 1) cpu.push((used.user + used.system) / 1000);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarize(durations, performance.now() - start, cpu);
}

function timingRow(label: string, t: Timing): string[] {
  return [label, int(t.calls), fmt(t.callsPerSecond), fmt(t.p50, 2), fmt(t.p95, 2), fmt(t.cpuP50, 2)];
}

/* ---------- bench data ---------- */

/** A deck file in the built-in format (prisma/decks/*.md), with prerequisites and confusables. */
function syntheticDeck(concepts: number): string {
  const lines = [
    "---",
    `slug: ${SYNTHETIC_SLUG}`,
    "title: Benchmark synthetic deck",
    "description: Generated by scripts/bench.ts so the benchmark user has about two thousand cards.",
    "source: Mesa benchmark (generated) https://example.invalid/mesa-bench",
    // Sign-up enrols only in the default decks: the bench users must get these cards.
    "default: true",
    "---",
    "",
  ];
  for (let i = 1; i <= concepts; i++) {
    lines.push(
      `## Synthetic concept ${i}`,
      `Synthetic idea number ${i} of the benchmark deck. Its definition is about as long as a real one: a sentence or two ` +
        `that names what the idea is, how it relates to the ideas before it, and why a learner would care about it at all.`,
      `- slug: concept-${i}`,
      `- aliases: synthetic idea ${i}, benchmark concept ${i}`,
      `- example: An example sentence that shows synthetic concept ${i} at work in a short, concrete situation.`,
    );
    const requires = [i - 1, i - 7].filter((n) => n >= 1 && i % 4 !== 0);
    if (requires.length > 0) lines.push(`- requires: ${requires.map((n) => `concept-${n}`).join(", ")}`);
    if (i > 2 && i % 5 === 0) lines.push(`- confusable: concept-${i - 2}`);
    lines.push(`- source: Synthetic chapter ${Math.ceil(i / 25)}`, `- tags: synthetic, group-${i % 12}`, "");
  }
  return lines.join("\n");
}

/* ---------- HTTP ---------- */

interface Route {
  path: string;
  label: string;
  /** Whose session: the 2,000-card user or the 20,000-card one. */
  user: "bench" | "large";
  /** A signed-in page: serving the sign-in form instead means the cookie was refused. */
  page: boolean;
  /**
   * Fewer connections than CONNECTIONS, for a page that takes a large part of a second: ten at a
   * time, each waits longer than the run lasts, and none would be counted.
   */
  connections?: number;
}

const ALL_ROUTES: Route[] = [
  { path: "/api/health", label: "GET /api/health (baseline)", user: "bench", page: false },
  { path: "/", label: "GET / (home), 2,000 cards", user: "bench", page: true },
  { path: "/review", label: "GET /review, 2,000 cards", user: "bench", page: true },
  { path: "/", label: "GET / (home), 20,000 cards", user: "large", page: true },
  { path: "/review", label: "GET /review, 20,000 cards", user: "large", page: true },
  { path: "/stats", label: "GET /stats, 20,000 cards (2 connections)", user: "large", page: true, connections: 2 },
  { path: "/cards", label: "GET /cards, 20,000 cards", user: "large", page: true },
  { path: CARDS_QUERY_PATH, label: `GET /cards?q=${CARDS_QUERY}&sort=r, 20,000 cards`, user: "large", page: true },
];
const ROUTES = ONLY_CARDS
  ? ALL_ROUTES.filter((route) => route.path.startsWith("/cards") || !route.page)
  : ONLY_BUDGETS
    ? ALL_ROUTES.filter((route) => route.user === "large" || !route.page)
    : ALL_ROUTES;
// Graded one at a time after the pages (so the pages are measured on the prepared queue): a warm-up, then the CPU probe.
const GRADE_WARMUP = 20;

/** One quiz answer to post: the question's id and a choice that fits it (the JSON the action takes). */
interface PreparedAnswer {
  questionId: string;
  answer: number | boolean | string;
}

/** Every fifth answer wrong, so the feedback for a miss (the chosen concept's lookup) is in the mix. */
function answerFor(question: QuizQuestion, n: number): number | boolean | string {
  const wrong = n % 5 === 4;
  switch (question.mode) {
    case "true-false":
      return wrong ? !question.truth : question.truth;
    case "typed-recall":
      return wrong ? "not the term at all" : question.term;
    default:
      return wrong ? (question.answerIndex + 1) % question.options.length : question.answerIndex;
  }
}

/** The sign-in form, or the redirect Next streams to it once a page has started rendering. */
function looksLikeSignIn(html: string): boolean {
  return /autocomplete="current-password"|<title>Sign in\b|content="\d+;\s*url=\/sign-in"/i.test(html);
}

interface Problem {
  message: string;
  /** The server failed (5xx, or no answer): its log says why. */
  serverFault: boolean;
}

/** One request before measuring: null when the route serves what it should, else why not. */
async function checkRoute(base: string, route: Route, cookie: string): Promise<Problem | null> {
  try {
    const res = await fetch(base + route.path, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    const body = await res.text();
    if (res.status !== 200) {
      const location = res.headers.get("location");
      return {
        message: `page not available (status ${res.status}${location ? `, redirects to ${location}` : ""})`,
        serverFault: res.status >= 500,
      };
    }
    if (route.page && looksLikeSignIn(body))
      return { message: "served the sign-in page: the session cookie was not accepted", serverFault: false };
    return null;
  } catch (error) {
    return { message: `request failed: ${error instanceof Error ? error.message : String(error)}`, serverFault: true };
  }
}

function buildId(): string | undefined {
  try {
    return fs.readFileSync(path.join(ROOT, ".next/BUILD_ID"), "utf8").trim();
  } catch {
    return undefined;
  }
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  non2xx: number;
  errors: number;
  requests: number;
}

async function load(url: string, cookie: string, connections = CONNECTIONS): Promise<Load> {
  // autocannon's histogram has p90 and p97.5 but no p95, so keep every response time.
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    connections,
    duration: HTTP_SECONDS,
    headers: { cookie },
    warmup: { connections, duration: HTTP_WARMUP_SECONDS },
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    non2xx: result.non2xx,
    errors: result.errors,
    requests: result.totalCompletedRequests,
  };
}

/**
 * CPU time (ms) used so far by every process in a process group, from /proc (Linux); null
 * elsewhere. The server's CPU per request does not depend on how busy the rest of the machine is.
 */
function groupCpuMs(pgid: number): number | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  // utime and stime count clock ticks, 100 a second on Linux.
  const msPerTick = 10;
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name: state ppid pgrp ... utime (12th) stime (13th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * msPerTick;
}

const CPU_PROBE_REQUESTS = 60;
// A page that takes a third of a second would otherwise spend twenty seconds here.
const CPU_PROBE_MS = 5000;
const CPU_PROBE_MIN_REQUESTS = 5;

/** The server's CPU time per request for one route, from sequential requests (one at a time). */
async function serverCpuPerRequest(pgid: number, send: () => Promise<unknown>): Promise<number | null> {
  const before = groupCpuMs(pgid);
  if (before === null) return null;
  const start = performance.now();
  let sent = 0;
  while (sent < CPU_PROBE_REQUESTS && (sent < CPU_PROBE_MIN_REQUESTS || performance.now() - start < CPU_PROBE_MS)) {
    await send();
    sent++;
  }
  return ((groupCpuMs(pgid) ?? before) - before) / sent;
}

const getter = (url: string, cookie: string) => async () => (await fetch(url, { headers: { cookie } })).arrayBuffer();

/** A server action's id in the build (.next/server/server-reference-manifest.json), by file and export name. */
function serverActionId(file: string, exportName: string): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
      node: Record<string, { exportedName?: string; filename?: string }>;
    };
    return Object.entries(manifest.node).find(
      ([, entry]) => entry.exportedName === exportName && entry.filename?.endsWith(file),
    )?.[0];
  } catch {
    return undefined;
  }
}

const ANSWER_ACTION_FILE = "quiz/actions.ts";
const GRADE_ACTION_FILE = "review/actions.ts";

/**
 * How a browser calls a server action: a POST to the page it is used on, naming the action in
 * Next-Action, with the arguments as a JSON array. The answer is React's flight format; the
 * action's result ({ ok, data } or { ok: false, error }) is one of its rows.
 */
function actionRequest(actionId: string, cookie: string, base: string, answer: PreparedAnswer, durationMs: number) {
  return {
    method: "POST" as const,
    headers: {
      cookie,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": actionId,
      origin: base,
    },
    body: JSON.stringify([{ questionId: answer.questionId, answer: answer.answer, durationMs }]),
  };
}

const answerRecorded = (body: string) => /"ok":true/.test(body);

interface AnswerBench {
  load?: Load;
  cpu?: number | null;
  problem?: Problem;
  /** Answers the server said it recorded, over everything answered (warm-up, load and CPU probe). */
  recorded: number;
  /** Responses received. */
  posted: number;
  refusals: number;
  /** Sent when the load stopped, never answered to the client: the server may still have recorded them. */
  inFlight: number;
}

/**
 * Quiz answers over HTTP: each posted once to its own unanswered question (a replay is refused,
 * and a refusal costs less than an answer, so none is measured). A few sequential answers first
 * check the request format and warm the route; the load runs until time is up or answers run out.
 */
async function answerLoad(
  base: string,
  cookie: string,
  pgid: number,
  answers: PreparedAnswer[],
  quizId: string,
): Promise<AnswerBench> {
  const result: AnswerBench = { recorded: 0, posted: 0, refusals: 0, inFlight: 0 };
  const actionId = serverActionId(ANSWER_ACTION_FILE, "answerQuizAction");
  if (!actionId) {
    result.problem = { message: "answerQuizAction is not in .next/server/server-reference-manifest.json", serverFault: false };
    return result;
  }
  const url = `${base}/quiz/${quizId}`;
  let next = 0;
  const take = () => answers[next++];
  const post = async () => {
    const answer = take();
    if (!answer) throw new Error("ran out of unanswered questions");
    const request = actionRequest(actionId, cookie, base, answer, 4000);
    const res = await fetch(url, { ...request, signal: AbortSignal.timeout(30_000) });
    const body = await res.text();
    result.posted++;
    if (res.ok && answerRecorded(body)) result.recorded++;
    else result.refusals++;
    return { status: res.status, body };
  };
  try {
    for (let i = 0; i < 20; i++) {
      const { status, body } = await post();
      if (status !== 200 || !answerRecorded(body)) {
        result.problem = {
          message: `the answer was not recorded (status ${status}): ${body.slice(0, 160).replace(/\s+/g, " ")}`,
          serverFault: status >= 500,
        };
        return result;
      }
    }
  } catch (error) {
    result.problem = { message: `request failed: ${error instanceof Error ? error.message : String(error)}`, serverFault: true };
    return result;
  }

  const latencies: number[] = [];
  // Leave enough unanswered questions for the CPU probe after the load.
  const lastForLoad = answers.length - CPU_PROBE_REQUESTS;
  let exhausted = false;
  let sent = 0;
  // setupRequest first runs while autocannon() is still setting up its connections.
  let instance: autocannon.Instance | undefined = undefined;
  instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: HTTP_SECONDS,
    requests: [
      {
        setupRequest: (request) => {
          if (next >= lastForLoad) {
            // Out of questions: stop rather than post a replay (that would measure a refusal).
            exhausted = true;
            instance?.stop();
          }
          const answer = answers[Math.min(next++, lastForLoad - 1)];
          sent++;
          return { ...request, ...actionRequest(actionId, cookie, base, answer, 4000) };
        },
        onResponse: (status, body) => {
          result.posted++;
          if (status === 200 && answerRecorded(body)) result.recorded++;
          else result.refusals++;
        },
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const measured = await instance;
  result.inFlight = sent - latencies.length;
  latencies.sort((a, b) => a - b);
  result.load = {
    requestsPerSecond: measured.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    non2xx: measured.non2xx,
    errors: measured.errors,
    requests: measured.totalCompletedRequests,
  };
  if (exhausted)
    result.problem = { message: "ran out of unanswered questions during the load (prepare more)", serverFault: false };
  next = Math.max(next, lastForLoad);
  result.cpu = await serverCpuPerRequest(pgid, post);
  return result;
}

/** Runs `next build` when there is no build (or BENCH_REBUILD=1); false when there is none after. */
function ensureBuild(env: NodeJS.ProcessEnv): boolean {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  if (fs.existsSync(buildId) && process.env.BENCH_REBUILD !== "1") {
    console.log(
      `Using the existing production build (.next, built ${fs.statSync(buildId).mtime.toISOString()}; BENCH_REBUILD=1 rebuilds).`,
    );
    return true;
  }
  console.log(
    fs.existsSync(buildId)
      ? "BENCH_REBUILD=1: running next build..."
      : "No production build (.next/BUILD_ID missing): running next build...",
  );
  const start = performance.now();
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    const output = `${build.stdout ?? ""}\n${build.stderr ?? ""}`.trim().split("\n").slice(-40).join("\n");
    console.log(
      `next build FAILED (${build.error?.message ?? `exit ${build.status ?? build.signal}`}); the HTTP part is skipped. Last lines of its output:\n`,
    );
    console.log(output.replace(/^/gm, "  | "));
    return false;
  }
  console.log(`next build finished in ${fmt((performance.now() - start) / 1000)} s.`);
  return true;
}

interface QuizAnswers {
  /** A quiz the questions belong to: the page the action is posted to. */
  quizId: string;
  answers: PreparedAnswer[];
}

async function httpBench(
  env: NodeJS.ProcessEnv,
  cookies: Record<Route["user"], string>,
  quiz: QuizAnswers | undefined,
  grades: GradableCard[],
  onSpawn: (child: ChildProcess) => void,
): Promise<AnswerBench | undefined> {
  const servedBuild = buildId();
  const started = performance.now();
  const server = await startNextServer(env, { timeoutMs: HEALTH_TIMEOUT_MS, onSpawn });
  const base = server.baseUrl;
  const output = server.output;
  try {
    console.log(
      `next start answered at ${base} after ${fmt((performance.now() - started) / 1000)} s; ` +
        `${CONNECTIONS} connections, ${HTTP_WARMUP_SECONDS} s warm-up + ${HTTP_SECONDS} s per route.\n`,
    );

    const results: { route: Route; load?: Load; cpu?: number | null; problem?: Problem }[] = [];
    for (const route of ROUTES) {
      const cookie = cookies[route.user];
      const problem = await checkRoute(base, route, cookie);
      if (problem) {
        results.push({ route, problem });
        continue;
      }
      const measured = await load(base + route.path, cookie, route.connections);
      results.push({
        route,
        load: measured,
        cpu: await serverCpuPerRequest(server.child.pid!, getter(base + route.path, cookie)),
      });
    }
    let answers: AnswerBench | undefined;
    if (quiz) {
      const answerRoute: Route = { path: "", label: "POST answerQuizAction, 20,000 cards", user: "large", page: false };
      answers = await answerLoad(base, cookies.large, server.child.pid!, quiz.answers, quiz.quizId);
      results.push({
        route: answerRoute,
        load: answers.load,
        cpu: answers.cpu,
        problem: answers.load ? undefined : answers.problem,
      });
    }

    const gradeRoute: Route = { path: "", label: "POST gradeCardAction, 20,000 cards (sequential)", user: "large", page: false };
    const gradeActionId = serverActionId(GRADE_ACTION_FILE, "gradeCardAction");
    const grading = ONLY_CARDS
      ? undefined
      : gradeActionId
        ? await gradeLoad(`${base}/review`, gradeActionId, cookies.large, base, grades, GRADE_WARMUP, (send) =>
            serverCpuPerRequest(server.child.pid!, send),
          )
        : undefined;
    const gradeLatencies = grading?.latencies ?? [];
    if (!ONLY_CARDS)
      results.push(
        grading && !grading.problem && gradeLatencies.length > 0
          ? {
              route: gradeRoute,
              load: {
                requestsPerSecond: 1000 / (gradeLatencies.reduce((a, b) => a + b, 0) / gradeLatencies.length),
                p50: percentile(gradeLatencies, 50),
                p95: percentile(gradeLatencies, 95),
                non2xx: 0,
                errors: 0,
                requests: gradeLatencies.length,
              },
              cpu: grading.cpu,
            }
          : {
              route: gradeRoute,
              problem: {
                message: grading?.problem ?? "gradeCardAction is not in .next/server/server-reference-manifest.json",
                serverFault: grading !== undefined,
              },
            },
      );

    const baseline = results[0];
    const ratio = (value: number | null | undefined, of: number | null | undefined) =>
      value && of ? `${fmt(value / of, 2)}x` : "-";
    printTable(
      [
        "route",
        "req/s",
        "p50 ms",
        "p95 ms",
        "non-2xx",
        "errors",
        "req/s vs health",
        "p50 vs health",
        "CPU ms/req",
        "health CPU / CPU",
      ],
      results.map(({ route, load: l, cpu, problem }) =>
        l
          ? [
              route.label,
              fmt(l.requestsPerSecond),
              fmt(l.p50, 2),
              fmt(l.p95, 2),
              int(l.non2xx),
              int(l.errors),
              ratio(l.requestsPerSecond, baseline.load?.requestsPerSecond),
              ratio(l.p50, baseline.load?.p50),
              cpu ? fmt(cpu, 2) : "-",
              ratio(baseline.cpu, cpu),
            ]
          : { label: route.label, note: problem?.message ?? "" },
      ),
    );
    console.log(
      `\nCPU ms/req: the server's CPU time per request over ${CPU_PROBE_REQUESTS} requests (or ${CPU_PROBE_MS / 1000} s, at least ${CPU_PROBE_MIN_REQUESTS}) sent one at a time after ` +
        "each route's load; unlike req/s it does not count waiting for a core, so its ratio is the steadier one on a busy machine.",
    );
    if (answers && quiz)
      console.log(
        `Quiz answers: POSTs to /quiz/<id> with the action's Next-Action id, each to a different unanswered question ` +
          `of ${int(quiz.answers.length)} prepared (a fifth of them wrong); no autocannon warm-up (20 sequential answers instead). ` +
          `The server said it recorded ${int(answers.recorded)} of the ${int(answers.posted)} answers it responded to` +
          `${answers.refusals ? ` (${int(answers.refusals)} refused or failed)` : ""}; ${int(answers.inFlight)} were still in flight when the load stopped` +
          `${answers.problem && answers.load ? `; ${answers.problem.message}` : ""}.`,
      );
    console.log(
      `Grades: POSTs to /review with gradeCardAction's Next-Action id, one at a time, each grading a different due card ` +
        `Good (${GRADE_WARMUP} unmeasured first); req/s is one over the mean response time.`,
    );

    section("CPU budgets (issue 11): server CPU ms per request, and as a ratio to the health check of this run");
    const cpuOf = (key: string) =>
      results.find((r) => (key === "grade" ? r.route === gradeRoute : r.route.user === "large" && r.route.path === key))?.cpu;
    printTable(BUDGET_HEADER, budgetRows(cpuOf, baseline.cpu));
    console.log(
      `\nHealth check: ${baseline.cpu ? fmt(baseline.cpu, 2) : "-"} ms CPU per request in this run. "by ratio" judges the figure ` +
        `against the budget expressed in health checks at the 2.3 ms measured when the budgets were set.`,
    );
    if (results.some((r) => r.problem?.serverFault))
      console.log(`\nLast lines of the server's output:\n${output().replace(/^/gm, "  | ")}`);
    // The workspace is shared: a `next build` run meanwhile swaps the files the server is serving.
    if (buildId() !== servedBuild)
      console.log(
        "\nWARNING: .next was rebuilt while the server ran (another `next build`?); these HTTP figures are unreliable.",
      );
    return answers;
  } finally {
    await server.stop();
  }
}

/** The /review route's first-load JS, gzipped the way it goes over the wire. */
function printReviewBundle(): void {
  const file = path.join(ROOT, ".next/diagnostics/route-bundle-stats.json");
  if (!fs.existsSync(file)) {
    console.log("First-load JS of /review: .next/diagnostics/route-bundle-stats.json is missing (no build).");
    return;
  }
  // Next 16 lists each route's first-load chunks and their uncompressed total, not the gzipped size.
  const stats = JSON.parse(fs.readFileSync(file, "utf8")) as {
    route: string;
    firstLoadUncompressedJsBytes?: number;
    firstLoadChunkPaths?: string[];
  }[];
  const entry = stats.find((s) => s.route === "/review");
  if (!entry) {
    console.log(
      `First-load JS of /review: the route is not in route-bundle-stats.json (routes: ${stats.map((s) => s.route).join(", ")}).`,
    );
    return;
  }
  const chunks = entry.firstLoadChunkPaths ?? [];
  const missing = chunks.filter((chunk) => !fs.existsSync(path.join(ROOT, chunk)));
  if (missing.length > 0) {
    console.log(
      `First-load JS of /review: ${missing.length} of its ${chunks.length} chunks are missing from .next (rebuilt meanwhile?).`,
    );
    return;
  }
  let gzipped = 0;
  let raw = 0;
  for (const chunk of chunks) {
    const bytes = fs.readFileSync(path.join(ROOT, chunk));
    raw += bytes.length;
    gzipped += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  console.log(
    `First-load JS of /review: ${kib(gzipped)} gzipped (${kib(entry.firstLoadUncompressedJsBytes ?? raw)} uncompressed, ${chunks.length} chunks).`,
  );
}

/* ---------- main ---------- */

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === "sign-in-flood") return benchSignInFlood();
  if (process.env.BENCH_ONLY === "import") return benchImport();
  if (process.env.BENCH_ONLY === "scheduler") return benchScheduler();
  if (process.env.BENCH_ONLY === "export") return benchExports();
  const cpus = os.cpus();
  console.log(`Mesa benchmark, ${new Date().toISOString()}`);
  console.log(
    `Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? "unknown model"}), ${fmt(os.totalmem() / 1024 ** 3)} GiB RAM, ` +
      `Node ${process.version}, ${os.platform()} ${os.arch()}; load average ${os
        .loadavg()
        .map((l) => fmt(l, 2))
        .join(" ")} (others running skew the figures)`,
  );

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-"));
  const databaseUrl = `file:${path.join(tmp, "bench.db")}`;
  // Read when lib/server/db.ts opens its connection, so set before any lib/server module loads.
  process.env.DATABASE_URL = databaseUrl;
  // The benchmark needs two accounts; sign-up may be closed after the first on this machine.
  delete process.env.MESA_ALLOW_SIGNUP;

  let server: ChildProcess | undefined;
  // Ctrl-C does not reach the detached server: stop it and clean up here.
  const onSignal = () => {
    if (server?.pid !== undefined && groupAlive(server.pid)) process.kill(-server.pid, "SIGKILL");
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    section("Setup");
    const setupStart = performance.now();
    const migrate = spawnSync(PRISMA_BIN, ["migrate", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
    });
    if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);

    const { disconnect, read } = await import("@/lib/server/db");
    const { seedBuiltInDecks } = await import("@/lib/server/decks");
    const { createUser } = await import("@/lib/server/users");
    const { createSession } = await import("@/lib/server/session-rows");
    const { recordReview } = await import("@/lib/server/reviews");
    const { getHomeSummary } = await import("@/lib/server/study/home");
    const { getReviewQueue } = await import("@/lib/server/study/queue");
    const { getStreakSummary } = await import("@/lib/server/streaks");
    const { createQuiz } = await import("@/lib/server/quiz/quizzes");
    const { CardState } = await import("@/lib/srs/card");
    const { readBuiltInDeckFiles } = await import("../prisma/seed");

    const now = Date.now();
    const past = (days: number) => new Date(now - days * DAY_MS);
    const signUpDay = past(HISTORY_DAYS + 1);

    // Both decks must exist before sign-up: createUser enrols in the decks that exist then.
    await seedBuiltInDecks(
      [...readBuiltInDeckFiles(), { name: `${SYNTHETIC_SLUG}.md`, text: syntheticDeck(SYNTHETIC_CONCEPTS) }],
      signUpDay,
    );
    const password = "bench-password-not-secret";
    const user = await createUser({ username: "bench", password, timeZone: "UTC" }, signUpDay);
    // recordReview is measured on a second account with the same history, so the first one's
    // queue (read below, and by the pages over HTTP) stays as prepared instead of a day with 1,000 grades.
    const writer = await createUser({ username: "bench-writer", password, timeZone: "UTC" }, signUpDay);

    /** A user's cards in study order: built-in deck first, then by concept position and kind. */
    const cardsInDeckOrder = async (userId: string) => {
      const cards = await read((db) =>
        db.card.findMany({
          where: { userId },
          select: {
            id: true,
            version: true,
            state: true,
            due: true,
            kind: true,
            concept: { select: { position: true, deck: { select: { slug: true } } } },
          },
        }),
      );
      const deckRank = (slug: string) => (slug === SYNTHETIC_SLUG ? 1 : 0);
      return cards.sort(
        (a, b) =>
          deckRank(a.concept.deck.slug) - deckRank(b.concept.deck.slug) ||
          a.concept.position - b.concept.position ||
          a.kind.localeCompare(b.kind),
      );
    };

    const grade = (userId: string, card: { id: string; version: number }, value: 1 | 2 | 3 | 4, at: Date) =>
      recordReview(
        userId,
        { cardId: card.id, grade: value, clientId: randomUUID(), expectedVersion: card.version, durationMs: 7000 },
        at,
      );

    const largeStart = performance.now();
    const large = await createUser({ username: "bench-large", password, timeZone: "UTC" }, past(731));
    const largeData = buildLargeUser(databaseUrl.slice("file:".length), large.id, Date.now());
    const largeSetupS = (performance.now() - largeStart) / 1000;

    if (!ONLY_BUDGETS && !ONLY_CARDS) {
      section(`Editing in process (user "bench-large", 20,000 cards; times in ms per call)`);
      const builtInConcept = await read((db) =>
        db.card.findFirstOrThrow({ where: { userId: large.id, deck: { ownerId: null } }, select: { conceptId: true } }),
      );
      // A concept in the middle of a 2,500-concept deck, with prerequisites (scripts/bench/large-user.ts).
      const edits = await benchEditConcept(large.id, "bench-large-deck-0-concept-100", builtInConcept.conceptId);
      printTable(
        ["operation", "calls", "p50 ms", "p95 ms", "CPU p50 ms", "target p50"],
        [
          [
            "updateOwnConcept (new definition, checks, re-index)",
            "50",
            fmt(edits.edit.p50, 2),
            fmt(edits.edit.p95, 2),
            fmt(edits.edit.cpuP50, 2),
            `< ${EDIT_TARGET_P50_MS} ms: ${edits.edit.p50 < EDIT_TARGET_P50_MS ? "met" : "MISSED"}`,
          ],
          [
            "saveWording (a built-in concept)",
            "50",
            fmt(edits.reword.p50, 2),
            fmt(edits.reword.p95, 2),
            fmt(edits.reword.cpuP50, 2),
            "-",
          ],
        ],
      );
      if (ONLY_EDIT) {
        await disconnect();
        return;
      }
    }

    if (!ONLY_BUDGETS && !ONLY_CARDS) {
      // A month of study: HISTORY_CARDS cards in deck order, graded Easy over HISTORY_DAYS days.
      for (const account of [user, writer]) {
        const studied = (await cardsInDeckOrder(account.id)).slice(0, HISTORY_CARDS);
        for (const [i, card] of studied.entries()) {
          const daysAgo = HISTORY_DAYS - Math.floor((i * HISTORY_DAYS) / studied.length);
          await grade(account.id, card, 4, new Date(past(daysAgo).getTime() + i * 1000));
        }
      }

      const cards = await cardsInDeckOrder(user.id);
      const at = new Date();
      const count = (test: (c: (typeof cards)[number]) => boolean) => cards.filter(test).length;
      const isReview = (c: (typeof cards)[number]) => c.state === CardState.Review;
      console.log(`Temporary database ${databaseUrl}, ready in ${fmt((performance.now() - setupStart) / 1000)} s.`);
      const builtIn = count((c) => c.concept.deck.slug !== SYNTHETIC_SLUG);
      console.log(
        `User "bench": ${int(cards.length)} cards (${int(builtIn)} built-in + ${int(cards.length - builtIn)} synthetic): ` +
          `${int(count((c) => isReview(c) && c.due <= at))} review cards due now, ${int(count((c) => isReview(c) && c.due > at))} review cards due later, ` +
          `${int(count((c) => c.state === CardState.New))} new; ${HISTORY_CARDS} reviews over the last ${HISTORY_DAYS} days.`,
      );

      section("In process (lib/server on one SQLite connection; times in ms per call)");

      // The writer's cards, in the order its review queue would show them: due reviews, then new.
      const writerCards = await cardsInDeckOrder(writer.id);
      const dueFirst = [
        ...writerCards.filter((c) => c.state === CardState.Review && c.due <= at),
        ...writerCards.filter((c) => c.state === CardState.New),
      ].slice(0, 2 * GRADES_PER_RUN);
      let graded = 0;
      const gradeNext = (card: (typeof writerCards)[number]) =>
        grade(writer.id, card, GRADE_MIX[graded++ % GRADE_MIX.length], new Date());
      const sequential = await timeCalls(dueFirst.slice(0, GRADES_PER_RUN), 1, gradeNext);
      const concurrent = await timeCalls(dueFirst.slice(GRADES_PER_RUN), WRITE_CONCURRENCY, gradeNext);

      // A few untimed calls first, so module loading and the first query plans are not measured.
      for (let i = 0; i < 3; i++) await Promise.all([getReviewQueue(user.id, new Date()), getHomeSummary(user.id, new Date())]);
      const repeat = Array.from({ length: READ_CALLS }, (_, i) => i);
      const queue = await getReviewQueue(user.id, new Date());
      const queueTiming = await timeCalls(repeat, 1, () => getReviewQueue(user.id, new Date()));
      const home = await getHomeSummary(user.id, new Date());
      const homeTiming = await timeCalls(repeat, 1, () => getHomeSummary(user.id, new Date()));

      for (let i = 0; i < 3; i++) await Promise.all([getReviewQueue(large.id, new Date()), getHomeSummary(large.id, new Date())]);
      const largeQueue = await getReviewQueue(large.id, new Date());
      const largeQueueTiming = await timeCalls(repeat, 1, () => getReviewQueue(large.id, new Date()));
      const largeHome = await getHomeSummary(large.id, new Date());
      const largeHomeTiming = await timeCalls(repeat, 1, () => getHomeSummary(large.id, new Date()));
      // The home page reads the streak beside the counts: both are the home data.
      const largeStreakTiming = await timeCalls(repeat, 1, () => getStreakSummary(large.id, new Date()));

      printTable(
        ["operation", "calls", "calls/s", "p50 ms", "p95 ms", "CPU p50 ms"],
        [
          timingRow("recordReview, sequential", sequential),
          timingRow(`recordReview, ${WRITE_CONCURRENCY} concurrent`, concurrent),
          timingRow("getReviewQueue", queueTiming),
          timingRow("getHomeSummary", homeTiming),
          timingRow("getReviewQueue, 20,000 cards", largeQueueTiming),
          timingRow("getHomeSummary, 20,000 cards", largeHomeTiming),
          timingRow("getStreakSummary, 500,000 logs (goal: 1 review)", largeStreakTiming),
        ],
      );
      console.log(
        `\nrecordReview graded ${int(sequential.calls + concurrent.calls)} cards of a second user (due reviews first, then new; ` +
          `mixed grades); with ${WRITE_CONCURRENCY} concurrent calls, the time per call includes waiting in the write queue.`,
      );
      console.log(
        `getReviewQueue: ${queue.cards.length} cards in the queue (+${queue.learningLater.length} learning later); ` +
          `getHomeSummary: ${home.dueNow} due now, ${home.newToday} new today, ${int(home.totalCards)} cards.`,
      );
      console.log(
        `The last two rows: user "bench-large", ${int(largeData.cards)} cards in ${LARGE_DECKS} imported decks (+ the built-in ones), ` +
          `${int(largeData.logs)} review logs over two years (${int(largeData.logsToday)} today), ${int(largeData.dueReviews)} review cards due today, ` +
          `${int(largeData.learning)} learning, ${int(largeData.newCards)} new; written in ${fmt(largeSetupS)} s. ` +
          `Queue: ${largeQueue.cards.length} cards (+${largeQueue.learningLater.length} learning later); home: ${largeHome.dueNow} due now, ` +
          `${largeHome.newToday} new today, ${int(largeHome.totalCards)} cards.`,
      );
    }

    if (!ONLY_BUDGETS) {
      section(`Card browser in process (user "bench-large", 20,000 cards; times in ms per call)`);
      const { listCards } = await import("@/lib/server/card-browser");
      const browse = (q: string, sort: "due" | "r") => listCards(large.id, { q, sort, dir: "asc", page: 1 }, new Date());
      for (let i = 0; i < 3; i++) await Promise.all([browse("", "due"), browse(CARDS_QUERY, "r")]);
      const calls = Array.from({ length: READ_CALLS }, (_, i) => i);
      const plain = await timeCalls(calls, 1, () => browse("", "due"));
      const searched = await timeCalls(calls, 1, () => browse(CARDS_QUERY, "r"));
      const narrow = await timeCalls(calls, 1, () => browse("2.15 is:review prop:lapses>=1", "due"));
      // Every concept of the large user has the word "imported": the text index hands back all 10,000.
      const broad = await timeCalls(calls, 1, () => browse("imported prop:r<0.9", "r"));
      const byRecall = await timeCalls(calls, 1, () => browse("", "r"));
      const last = await timeCalls(calls, 1, () =>
        listCards(large.id, { q: "", sort: "term", dir: "desc", page: 400 }, new Date()),
      );
      const [plainPage, searchedPage] = await Promise.all([browse("", "due"), browse(CARDS_QUERY, "r")]);
      const matched = (page: Awaited<ReturnType<typeof browse>>) => (page.ok ? int(page.total) : page.error);
      const verdict = (t: Timing) => `< ${CARDS_TARGET_P50_MS} ms: ${t.p50 < CARDS_TARGET_P50_MS ? "met" : "MISSED"}`;
      printTable(
        ["operation", "calls", "calls/s", "p50 ms", "p95 ms", "CPU p50 ms", "target p50"],
        [
          [...timingRow("listCards, no search, by due", plain), verdict(plain)],
          [...timingRow(`listCards "${CARDS_QUERY}", by recall`, searched), verdict(searched)],
          [...timingRow(`listCards "2.15 is:review prop:lapses>=1"`, narrow), verdict(narrow)],
          [...timingRow(`listCards "imported prop:r<0.9" (every concept), by recall`, broad), verdict(broad)],
          [...timingRow("listCards, no search, by recall", byRecall), verdict(byRecall)],
          [...timingRow("listCards, no search, by term, page 400 (the last)", last), verdict(last)],
        ],
      );
      console.log(
        `
One call at a time after 3 warm-up calls; each call counts the matches and reads one page of 50 (what GET /cards asks). ` +
          `No search: ${matched(plainPage)} cards; "${CARDS_QUERY}": ${matched(searchedPage)} cards.`,
      );
    }

    // Everything the budgets do not need: the statistics and quiz timings, and the quiz answers for the HTTP load.
    const answerPrep =
      ONLY_BUDGETS || ONLY_CARDS
        ? undefined
        : await (async () => {
            section(`Statistics and quizzes in process (user "bench-large", 20,000 cards; times in ms per call)`);
            const stats = await benchStats(large.id, new Date());
            const quizInput = { scope: { kind: "all" as const }, length: 20 as const, mode: "mixed" as const };
            // The first quiz reads and caches the decks' concepts (lib/server/quiz/pool.ts); later ones reuse them.
            const firstQuizStart = performance.now();
            await createQuiz(large.id, quizInput, new Date(), { seed: 0 });
            const firstQuizMs = performance.now() - firstQuizStart;
            const quizSeeds = Array.from({ length: QUIZ_CALLS }, (_, i) => i + 1);
            const quizTiming = await timeCalls(quizSeeds, 1, (seed) => createQuiz(large.id, quizInput, new Date(), { seed }));
            // The same pool createQuiz draws from (every concept of the user's decks), for the pure builder alone.
            const pool: QuizConcept[] = (
              await read((db) =>
                db.concept.findMany({
                  where: { deck: { enrolments: { some: { userId: large.id } } } },
                  orderBy: [{ deckId: "asc" }, { position: "asc" }],
                  select: {
                    id: true,
                    slug: true,
                    term: true,
                    definition: true,
                    aliases: true,
                    examples: true,
                    confusables: true,
                    tags: true,
                    deck: { select: { slug: true } },
                  },
                }),
              )
            ).map((c) => ({
              id: c.id,
              slug: c.slug,
              deckSlug: c.deck.slug,
              term: c.term,
              definition: c.definition,
              aliases: JSON.parse(c.aliases) as string[],
              examples: JSON.parse(c.examples) as string[],
              confusables: JSON.parse(c.confusables) as string[],
              tags: JSON.parse(c.tags) as string[],
            }));
            const mixed = modesOf("mixed");
            const buildTiming = await timeCalls(quizSeeds, 1, (seed) =>
              Promise.resolve(buildQuiz({ concepts: pool, pool, modes: mixed, length: 20, random: seededRandom(seed) })),
            );
            const target = (p50: number, ms: number) => `< ${ms} ms: ${p50 < ms ? "met" : "MISSED"}`;
            printTable(
              ["operation", "calls", "p50 ms", "p95 ms", "CPU p50 ms", "target p50"],
              [
                [
                  "getStats (statistics page data; 30, 90, 365 days)",
                  "20",
                  fmt(stats.p50, 2),
                  fmt(stats.p95, 2),
                  "-",
                  target(stats.p50, STATS_TARGET_P50_MS),
                ],
                [
                  "createQuiz, 20 questions, all decks, mixed",
                  int(quizTiming.calls),
                  fmt(quizTiming.p50, 2),
                  fmt(quizTiming.p95, 2),
                  fmt(quizTiming.cpuP50, 2),
                  target(quizTiming.p50, QUIZ_TARGET_P50_MS),
                ],
                [
                  "buildQuiz (pure), 20 questions",
                  int(buildTiming.calls),
                  fmt(buildTiming.p50, 2),
                  fmt(buildTiming.p95, 2),
                  fmt(buildTiming.cpuP50, 2),
                  "-",
                ],
              ],
            );
            console.log(
              `\ngetStats: benchStats (scripts/bench/stats.ts), one call at a time after 2 warm-up calls. createQuiz (lib/server/quiz/quizzes.ts) ` +
                `reads the pool, builds and stores the quiz in one transaction, seeds 1-${QUIZ_CALLS}; the first call (seed 0, untimed in the table) ` +
                `took ${fmt(firstQuizMs, 1)} ms, reading and caching ${int(pool.length)} concepts. buildQuiz (lib/quiz) gets the same ${int(pool.length)} concepts in memory.`,
            );

            // Unanswered questions for the HTTP answer load: whole-collection quizzes, built and stored here
            // because only one process may write, and the server takes over below.
            const prepareStart = performance.now();
            const answerQuizzes: { quizId: string; questionCount: number }[] = [];
            for (let seed = 1000; answerQuizzes.reduce((n, q) => n + q.questionCount, 0) < ANSWERS_PREPARED; seed++) {
              answerQuizzes.push(
                await createQuiz(large.id, { scope: { kind: "all" }, length: "all", mode: "mixed" }, new Date(), { seed }),
              );
            }
            const questionRows = await read((db) =>
              db.quizQuestion.findMany({
                where: { quizId: { in: answerQuizzes.map((q) => q.quizId) } },
                orderBy: [{ quizId: "asc" }, { index: "asc" }],
                select: { id: true, question: true },
              }),
            );
            const prepared: PreparedAnswer[] = questionRows.map((row, n) => ({
              questionId: row.id,
              answer: answerFor(JSON.parse(row.question) as QuizQuestion, n),
            }));
            const attemptsBefore = await read((db) => db.quizAttempt.count({ where: { userId: large.id } }));
            console.log(
              `For the HTTP answer load: ${answerQuizzes.length} whole-collection ${answerQuizzes.length === 1 ? "quiz" : "quizzes"} (${int(prepared.length)} unanswered questions) ` +
                `built and stored in ${fmt((performance.now() - prepareStart) / 1000)} s.`,
            );

            return { quiz: { quizId: answerQuizzes[0].quizId, answers: prepared }, attemptsBefore };
          })();

    // Due review cards of the large user for the HTTP grade load, each graded once.
    const gradable = await read((db) =>
      db.card.findMany({
        where: { userId: large.id, state: CardState.Review, suspended: false, due: { lte: new Date() } },
        orderBy: { due: "asc" },
        select: { id: true, version: true },
        take: GRADE_WARMUP + 200,
      }),
    );

    // The sessions the HTTP part's cookies carry, as the app's own sign-in would create them.
    const tokens = {
      bench: await createSession(user.id, "mesa-bench", new Date(now)),
      large: await createSession(large.id, "mesa-bench", new Date(now)),
    };
    // Only one process may write to the database: the server gets it from here on.
    await disconnect();

    section(`HTTP (next start on the same database, signed in as "bench")`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      MESA_SESSION_SECRET: SESSION_SECRET,
      MESA_COOKIE_SECURE: "false",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    if (ensureBuild(env)) {
      // The cookie the app's own sign-in would set (lib/server/session-cookie.ts), sealed with the same secret.
      const cookieOf = async (token: string) =>
        `${SESSION_COOKIE}=${await sealData({ token }, { password: SESSION_SECRET, ttl: SESSION_TTL_S })}`;
      try {
        const answers = await httpBench(
          env,
          { bench: await cookieOf(tokens.bench), large: await cookieOf(tokens.large) },
          answerPrep?.quiz,
          gradable,
          (child) => (server = child),
        );
        if (answers && answerPrep) {
          // The server has stopped: the database is this process's again, to check what it stored.
          const attempts =
            (await read((db) => db.quizAttempt.count({ where: { userId: large.id } }))) - answerPrep.attemptsBefore;
          // An answer in flight when autocannon stops still reaches the server, which records it.
          const expected = answers.recorded + answers.inFlight;
          console.log(
            `QuizAttempt rows written during the HTTP run: ${int(attempts)}; answers the server said it recorded, ` +
              `plus those in flight at the end: ${int(answers.recorded)} + ${int(answers.inFlight)} = ${int(expected)} ` +
              `(${attempts === expected ? "equal" : "NOT EQUAL: the answer figures are suspect"}).`,
          );
          await disconnect();
        }
      } catch (error) {
        console.log(`HTTP part failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      console.log("");
      printReviewBundle();
      if (!ONLY_CARDS) await benchSignInFlood();
    }
  } finally {
    if (server?.pid !== undefined && groupAlive(server.pid)) process.kill(-server.pid, "SIGKILL");
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
