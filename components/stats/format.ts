const MONTH_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
const LONG_DAY = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
});
const MONTH_YEAR = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

/** A study day is a calendar date, not an instant: formatted in UTC so no time zone shifts it. */
function dateOf(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** "4 Mar" */
export function shortDay(day: string): string {
  return MONTH_DAY.format(dateOf(day));
}

/** "Wed, 4 Mar 2026" */
export function longDay(day: string): string {
  return LONG_DAY.format(dateOf(day));
}

/** "March 2026" */
export function monthOf(day: string): string {
  return MONTH_YEAR.format(dateOf(day));
}

export function percent(rate: number | null, digits = 1): string {
  return rate === null ? "–" : `${(rate * 100).toFixed(digits)}%`;
}

export function count(n: number): string {
  return n.toLocaleString("en-GB");
}

/** Minutes from milliseconds, for "time spent": "45 min", "3 h 20 min". */
export function minutesText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
