import { performance } from "node:perf_hooks";
import { getConceptForm, updateOwnConcept } from "@/lib/server/own-concepts";
import { saveWording } from "@/lib/server/overrides";

const WARMUP_CALLS = 3;
const CALLS = 50;

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface EditTiming {
  p50: number;
  p95: number;
  cpuP50: number;
}

async function time(calls: number, task: (i: number) => Promise<unknown>): Promise<EditTiming> {
  for (let i = 0; i < WARMUP_CALLS; i++) await task(-1 - i);
  const durations: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await task(i);
    durations.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  durations.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(durations, 50), p95: percentile(durations, 95), cpuP50: percentile(cpu, 50) };
}

/**
 * Times an edit of one of the user's own concepts (a new definition, everything else kept: the
 * save re-runs the quality checks, writes the concept and re-indexes its text), in a deck of
 * thousands of concepts, one call at a time; and a rewording of a built-in concept the user studies.
 */
export async function benchEditConcept(
  userId: string,
  conceptId: string,
  builtInConceptId: string,
): Promise<{ edit: EditTiming; reword: EditTiming }> {
  const form = await getConceptForm(userId, { conceptId });
  const concept = form.concept!;
  const edit = await time(CALLS, (i) =>
    updateOwnConcept(
      userId,
      {
        ...concept,
        conceptId,
        // The generated definitions name their term ("The definition of imported term 1.100"), which
        // the checks refuse: the edit rewrites it as an author would.
        definition: `A rewritten explanation, revision ${i}: a sentence or two, about as long as a real card's answer.`,
      },
      new Date(),
    ),
  );
  const reword = await time(CALLS, (i) =>
    saveWording(
      userId,
      {
        conceptId: builtInConceptId,
        definition: `A learner's own words for this idea, revision ${i}.`,
        examples: [],
        aliases: [],
      },
      new Date(),
    ),
  );
  return { edit, reword };
}
