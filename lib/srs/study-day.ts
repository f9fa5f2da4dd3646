import { TZDate } from "@date-fns/tz";

/** A study day as an ISO calendar date, e.g. "2026-03-08". */
export type StudyDay = string;

export interface StudyDayBounds {
  day: StudyDay;
  start: Date;
  end: Date;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function parseDay(day: StudyDay): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y, m, d];
}

/**
 * The study day an instant belongs to: the local calendar date in `timeZone`, except that the hours
 * before `dayStartHour` still count for the previous day (a review at 03:59 with day start 4 is
 * yesterday's). Works on local wall-clock fields, so DST changes need no special case.
 */
export function studyDayOf(instant: Date, timeZone: string, dayStartHour: number): StudyDay {
  return remembered(`of|${timeZone}|${dayStartHour}|${instant.getTime()}`, () =>
    computeStudyDayOf(instant, timeZone, dayStartHour),
  );
}

/*
 * Both functions below ask Intl for the zone's offset (through TZDate), which costs tens of
 * microseconds a call, and a page asks hundreds of times (every day of a chart, every bucket of a
 * forecast). Their answers depend on the arguments alone, so they are remembered: a remembered
 * answer is never out of date. Bounded: emptied when it grows past MEMO_LIMIT.
 */
const MEMO_LIMIT = 100_000;
const memo = new Map<string, string | number>();

function remembered<T extends string | number>(key: string, compute: () => T): T {
  let value = memo.get(key) as T | undefined;
  if (value === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    value = compute();
    memo.set(key, value);
  }
  return value;
}

function computeStudyDayOf(instant: Date, timeZone: string, dayStartHour: number): StudyDay {
  const local = new TZDate(instant.getTime(), timeZone);
  let y = local.getFullYear();
  let m = local.getMonth() + 1;
  let d = local.getDate();
  if (local.getHours() < dayStartHour) [y, m, d] = parseDay(addDays(`${pad(y, 4)}-${pad(m)}-${pad(d)}`, -1));
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Calendar arithmetic on study days (no time zone involved: days are labels). */
export function addDays(day: StudyDay, days: number): StudyDay {
  const [y, m, d] = parseDay(day);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** Whole study days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: StudyDay, to: StudyDay): number {
  const [fy, fm, fd] = parseDay(from);
  const [ty, tm, td] = parseDay(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** The instant a study day begins: `dayStartHour`:00 local time (the next valid time in a DST gap). */
export function studyDayStart(day: StudyDay, timeZone: string, dayStartHour: number): Date {
  // A new Date each call: callers may change theirs.
  return new Date(
    remembered(`start|${timeZone}|${dayStartHour}|${day}`, () => {
      const [y, m, d] = parseDay(day);
      return new TZDate(y, m - 1, d, dayStartHour, 0, 0, timeZone).getTime();
    }),
  );
}

export function studyDayBounds(instant: Date, timeZone: string, dayStartHour: number): StudyDayBounds {
  const day = studyDayOf(instant, timeZone, dayStartHour);
  return {
    day,
    start: studyDayStart(day, timeZone, dayStartHour),
    end: studyDayStart(addDays(day, 1), timeZone, dayStartHour),
  };
}

/**
 * When a card due at `due` joins the queue. The queue takes every review card due before the end
 * of the study day, so a review card is there from the start of the study day holding its due
 * ("tomorrow at 04:00", not the 19:09 it was scheduled for); a (re)learning card waits for its due.
 */
export function availableAt(due: Date, inReview: boolean, timeZone: string, dayStartHour: number): Date {
  return inReview ? studyDayStart(studyDayOf(due, timeZone, dayStartHour), timeZone, dayStartHour) : due;
}

/** True when the runtime knows this IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
