/*
 * Kept apart from settings.ts (which holds the zod schemas) because the review page's client
 * bundle needs it through the scheduler, and zod must stay out of the browser.
 */

/** "1m 10m" -> ["1m", "10m"]; the format ts-fsrs takes for (re)learning steps. */
export function parseSteps(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}
