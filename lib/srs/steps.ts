/*
 * Kept apart from settings.ts (which holds the zod schemas) because the review page's client
 * bundle needs it through the scheduler, and zod must stay out of the browser.
 */

/** "1m 10m" -> ["1m", "10m"]; the format ts-fsrs takes for (re)learning steps. */
export function parseSteps(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** The most steps a list may hold, and the longest step (ts-fsrs takes minutes, hours and days). */
export const MAX_STEPS = 10;
const MAX_STEP_MINUTES = 365 * 24 * 60;
const STEP = /^(\d+(?:\.\d+)?)([mhd])$/;
const MINUTES_PER_UNIT = { m: 1, h: 60, d: 24 * 60 } as const;

/**
 * What is wrong with a steps text in Anki's syntax ("1m 10m 1d"), in words for the learner, or
 * null when it is fine. An empty text is allowed: no steps.
 */
export function stepsProblem(text: string): string | null {
  const steps = parseSteps(text);
  if (steps.length > MAX_STEPS) return `Use at most ${MAX_STEPS} steps (this has ${steps.length}).`;
  for (const step of steps) {
    const match = STEP.exec(step);
    if (!match) {
      return /^\d+(\.\d+)?s$/.test(step)
        ? `"${step}": steps are at least a minute; use m, h or d (e.g. 1m).`
        : `"${step}" is not a step: write a number and a unit (m minutes, h hours, d days), e.g. 1m 10m 1d.`;
    }
    const minutes = Number(match[1]) * MINUTES_PER_UNIT[match[2] as keyof typeof MINUTES_PER_UNIT];
    if (minutes < 1) return `"${step}" is shorter than a minute: each step is at least 1m.`;
    if (minutes > MAX_STEP_MINUTES) return `"${step}" is longer than a year: each step is at most 365d.`;
  }
  return null;
}
