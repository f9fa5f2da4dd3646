const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function trimmed(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** Anki-style short interval: "<1m", "10m", "3h", "1d", "3d", "1.5mo", "2.1y". */
export function formatInterval(ms: number): string {
  if (ms < MINUTE) return "<1m";
  if (ms < HOUR) return `${Math.round(ms / MINUTE)}m`;
  if (ms < DAY) return `${trimmed(ms / HOUR)}h`;
  const days = ms / DAY;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${trimmed(days / 30)}mo`;
  return `${trimmed(days / 365)}y`;
}

/**
 * The four grade buttons' intervals, Again to Easy. Where two grades that the scheduler keeps
 * apart (Again and Hard, Good and Easy) would round to the same label ("1.5mo" for 45 and 46
 * days), both are shown in days, so a button never reads the same as the one it must beat.
 */
export function formatGradeIntervals(intervalsMs: readonly number[]): string[] {
  const labels = intervalsMs.map(formatInterval);
  for (const [lower, higher] of [
    [0, 1],
    [2, 3],
  ]) {
    const [a, b] = [intervalsMs[lower], intervalsMs[higher]];
    if (a !== undefined && b !== undefined && a < b && labels[lower] === labels[higher] && a >= DAY) {
      labels[lower] = `${Math.round(a / DAY)}d`;
      labels[higher] = `${Math.round(b / DAY)}d`;
    }
  }
  return labels;
}

/** Spoken-style duration for summaries: "45s", "3m 20s", "1h 5m". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return seconds > 0 ? `${minutes}m ${seconds}s` : `${minutes}m`;
  return `${seconds}s`;
}

const PLURAL_RULES = new Intl.PluralRules("en-GB");
const NUMBER = new Intl.NumberFormat("en-GB");

/** A word's forms by CLDR plural category; English needs `one` and `other`. */
export interface PluralForms {
  one: string;
  other: string;
}

/** The form of a word that goes with `count`: "day" for 1, "days" for 0, 2 or 1.5. */
export function pluralWord(count: number, forms: PluralForms): string {
  return PLURAL_RULES.select(count) === "one" ? forms.one : forms.other;
}

/** A count with its word: "1 study day", "0 study days", "1,204 reviews". */
export function plural(count: number, forms: PluralForms): string {
  return `${NUMBER.format(count)} ${pluralWord(count, forms)}`;
}

/** Plural forms used in more than one place. */
export const WORDS = {
  card: { one: "card", other: "cards" },
  review: { one: "review", other: "reviews" },
  day: { one: "day", other: "days" },
  minute: { one: "minute", other: "minutes" },
  concept: { one: "concept", other: "concepts" },
  answer: { one: "answer", other: "answers" },
} as const satisfies Record<string, PluralForms>;

/**
 * When a card is next due, for people: "in 8 minutes", "today at 14:35", "tomorrow at 04:00",
 * "Mon 30 Nov at 04:00", in the user's time zone.
 */
export function formatDueTime(due: Date, now: Date, timeZone: string): string {
  const ms = due.getTime() - now.getTime();
  if (ms <= 0) return "now";
  if (ms < HOUR) {
    const minutes = Math.max(1, Math.round(ms / MINUTE));
    return `in ${plural(minutes, WORDS.minute)}`;
  }
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(due);
  const dateKey = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" }).format(d);
  if (dateKey(due) === dateKey(now)) return `today at ${time}`;
  if (dateKey(due) === dateKey(new Date(now.getTime() + DAY))) return `tomorrow at ${time}`;
  const date = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" }).format(due);
  return `${date} at ${time}`;
}

/** When something happened, for people: "just now", "12 minutes ago", "today at 14:35", "yesterday at 09:10", "Mon 30 Nov". */
export function formatPastTime(when: Date, now: Date, timeZone: string): string {
  const ms = now.getTime() - when.getTime();
  if (ms < MINUTE) return "just now";
  if (ms < HOUR) {
    const minutes = Math.round(ms / MINUTE);
    return `${plural(minutes, WORDS.minute)} ago`;
  }
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(when);
  const dateKey = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" }).format(d);
  if (dateKey(when) === dateKey(now)) return `today at ${time}`;
  if (dateKey(when) === dateKey(new Date(now.getTime() - DAY))) return `yesterday at ${time}`;
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" }).format(when);
}

/**
 * When a card is due, in study days from today: "today", "tomorrow", "in 3 days", "1 day overdue",
 * "2 days overdue".
 */
export function formatDueDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days > 1) return `in ${plural(days, WORDS.day)}`;
  if (days === -1) return "1 day overdue";
  return `${plural(-days, WORDS.day)} overdue`;
}
