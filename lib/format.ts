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

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * When a card is next due, for people: "in 8 minutes", "today at 14:35", "tomorrow at 04:00",
 * "Mon 30 Nov at 04:00", in the user's time zone.
 */
export function formatDueTime(due: Date, now: Date, timeZone: string): string {
  const ms = due.getTime() - now.getTime();
  if (ms <= 0) return "now";
  if (ms < HOUR) {
    const minutes = Math.max(1, Math.round(ms / MINUTE));
    return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
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
    return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  }
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(when);
  const dateKey = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" }).format(d);
  if (dateKey(when) === dateKey(now)) return `today at ${time}`;
  if (dateKey(when) === dateKey(new Date(now.getTime() - DAY))) return `yesterday at ${time}`;
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" }).format(when);
}
