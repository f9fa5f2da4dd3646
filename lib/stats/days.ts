import { addDays, studyDayOf, studyDayStart, type StudyDay } from "@/lib/srs/study-day";

/** The `count` study days ending with `last`, oldest first. */
export function daysEnding(last: StudyDay, count: number): StudyDay[] {
  return Array.from({ length: count }, (_, i) => addDays(last, i - count + 1));
}

/** Bucket sizes the SQL aggregations may group by, largest (fewest groups) first. */
const BUCKET_SIZES = [3600, 900, 60] as const;
export type BucketSeconds = (typeof BUCKET_SIZES)[number];

/**
 * The largest UTC bucket (an hour, a quarter hour or a minute) that no study day boundary falls
 * inside: every boundary is a whole multiple of it. In most time zones that is an hour; in
 * Kathmandu (+05:45) or India (+05:30) a quarter hour. A bucket then lies within one study day, so
 * its first second decides the day of every review in it.
 */
export function bucketSecondsFor(boundaries: Iterable<Date>): BucketSeconds {
  const starts = [...boundaries].map((boundary) => boundary.getTime() / 1000);
  return BUCKET_SIZES.find((size) => starts.every((seconds) => seconds % size === 0)) ?? 60;
}

/** The start of every study day from `first` to the day after `last`: the boundaries a bucket must not straddle. */
export function studyDayBoundaries(first: StudyDay, last: StudyDay, timeZone: string, dayStartHour: number): Date[] {
  const boundaries: Date[] = [];
  for (let day = first; day <= addDays(last, 1); day = addDays(day, 1))
    boundaries.push(studyDayStart(day, timeZone, dayStartHour));
  return boundaries;
}

/**
 * Maps a bucket number (its start in seconds / bucketSeconds) to its study day. Buckets arrive
 * mostly in order, so the current day's bounds are kept and only a bucket outside them asks the
 * time zone.
 */
export function bucketDayResolver(
  timeZone: string,
  dayStartHour: number,
  bucketSeconds: BucketSeconds,
): (bucket: number) => StudyDay {
  let day: StudyDay | null = null;
  let start = 0;
  let end = 0;
  return (bucket: number): StudyDay => {
    const ms = bucket * bucketSeconds * 1000;
    if (day === null || ms < start || ms >= end) {
      day = studyDayOf(new Date(ms), timeZone, dayStartHour);
      start = studyDayStart(day, timeZone, dayStartHour).getTime();
      end = studyDayStart(addDays(day, 1), timeZone, dayStartHour).getTime();
    }
    return day;
  };
}

/**
 * The days of a chart from the first one with anything in it, but never fewer than `minDays`
 * (the latest ones). A learner's first day of reviews then fills a week's chart instead of
 * standing as one thin bar at the right edge of thirty empty days.
 */
export function fromFirstActive<T>(days: readonly T[], isActive: (day: T) => boolean, minDays: number): T[] {
  const first = days.findIndex(isActive);
  const start = first < 0 ? days.length : first;
  return days.slice(Math.max(0, Math.min(start, days.length - minDays)));
}
