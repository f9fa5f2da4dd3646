import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";

/*
 * The CPU budgets of issue 11 for the 20,000-card user, checked against the server's CPU time per
 * request (one request at a time) and against the health check of the same run: on a shared
 * machine the ratio is the steadier figure, so both are judged. `was` is the figure measured
 * before the budgets were set (same bench, same user), for comparison.
 */

export interface Budget {
  label: string;
  /** Which measured row it judges: the route's path for the large user, or "grade". */
  key: string;
  ms: number;
  was?: number;
}

/**
 * The card browser's search in the bench: words as people type them (a term's number, matching 111
 * of the large user's 10,000 concepts) and a prop: filter, sorted by recall; and its page's path.
 */
export const CARDS_QUERY = "2.15 prop:r<0.9";
export const CARDS_QUERY_PATH = `/cards?q=${encodeURIComponent(CARDS_QUERY)}&sort=r`;

export const BUDGETS: Budget[] = [
  { label: "GET / (home)", key: "/", ms: 15, was: 33 },
  { label: "GET /review", key: "/review", ms: 20, was: 47 },
  { label: "GET /stats", key: "/stats", ms: 80, was: 336 },
  { label: "POST gradeCardAction", key: "grade", ms: 10 },
  // Issue 13: the card browser, with no search and with words + prop: (the paths scripts/bench.ts loads).
  { label: "GET /cards", key: "/cards", ms: 40 },
  { label: `GET /cards?q=${CARDS_QUERY}&sort=r`, key: CARDS_QUERY_PATH, ms: 40 },
];

/** The health check's CPU per request when the budgets were set: a budget in ms is this many health checks. */
export const REFERENCE_HEALTH_MS = 2.3;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

/** One line per budget: the figure, its ratio to the health check, and met / not met by each measure. */
export function budgetRows(
  cpuOf: (key: Budget["key"]) => number | null | undefined,
  healthMs: number | null | undefined,
): string[][] {
  return BUDGETS.map((budget) => {
    const cpu = cpuOf(budget.key);
    const ratio = cpu && healthMs ? cpu / healthMs : undefined;
    const ratioBudget = budget.ms / REFERENCE_HEALTH_MS;
    const verdict = (ok: boolean | undefined) => (ok === undefined ? "-" : ok ? "met" : "NOT MET");
    return [
      budget.label,
      budget.was === undefined ? "-" : fmt(budget.was),
      cpu ? fmt(cpu, 2) : "-",
      `<= ${budget.ms}`,
      verdict(cpu ? cpu <= budget.ms : undefined),
      ratio === undefined ? "-" : `${fmt(ratio, 1)}x`,
      `<= ${fmt(ratioBudget, 1)}x`,
      verdict(ratio === undefined ? undefined : ratio <= ratioBudget),
    ];
  });
}

export const BUDGET_HEADER = [
  "budget (20,000 cards)",
  "was ms",
  "CPU ms/req",
  "budget ms",
  "by ms",
  "x health",
  "budget x",
  "by ratio",
];

/** A card the grade load may grade once: its id and the version the grade is chosen for. */
export interface GradableCard {
  id: string;
  version: number;
}

/**
 * How the review page posts a grade: the action's id in Next-Action, the input as a JSON array,
 * to the page it is used on. Each request grades a different card (a repeated one would be stale,
 * and a refusal costs less than a grade), and asks for the grade previews of the card after it, as
 * the page does past the first cards.
 */
export function gradeRequest(actionId: string, cookie: string, base: string, card: GradableCard, next?: GradableCard) {
  return {
    method: "POST" as const,
    headers: {
      cookie,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": actionId,
      origin: base,
    },
    body: JSON.stringify([
      {
        cardId: card.id,
        grade: 3,
        clientId: randomUUID(),
        expectedVersion: card.version,
        durationMs: 6000,
        ...(next ? { previewFor: [next.id] } : {}),
      },
    ]),
  };
}

export interface GradeBench {
  /** Response times of the measured (sequential) grades, ascending. */
  latencies: number[];
  cpu: number | null;
  recorded: number;
  problem?: string;
}

/**
 * Grades `cards` one at a time through the server action: `warmup` first, unmeasured, then the
 * CPU probe (`probe` sends one grade per call and is asked for the CPU per request).
 */
export async function gradeLoad(
  url: string,
  actionId: string,
  cookie: string,
  base: string,
  cards: GradableCard[],
  warmup: number,
  probe: (send: () => Promise<unknown>) => Promise<number | null>,
): Promise<GradeBench> {
  const result: GradeBench = { latencies: [], cpu: null, recorded: 0 };
  let next = 0;
  let measuring = false;
  const send = async () => {
    const card = cards[next++];
    if (!card) throw new Error("ran out of cards to grade (prepare more)");
    const start = performance.now();
    const res = await fetch(url, {
      ...gradeRequest(actionId, cookie, base, card, cards[next]),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await res.text();
    if (measuring) result.latencies.push(performance.now() - start);
    // The answer must carry the next card's previews (its id appears only there).
    if (res.status !== 200 || !/"ok":true/.test(body) || (cards[next] && !body.includes(`"cardId":"${cards[next].id}"`)))
      throw new Error(`the grade was not recorded (status ${res.status}): ${body.slice(0, 160).replace(/\s+/g, " ")}`);
    result.recorded++;
  };
  try {
    for (let i = 0; i < warmup; i++) await send();
    measuring = true;
    result.cpu = await probe(send);
  } catch (error) {
    result.problem = error instanceof Error ? error.message : String(error);
  }
  result.latencies.sort((a, b) => a - b);
  return result;
}
