import { addDays, studyDayOf, studyDayStart, type StudyDay } from "@/lib/srs/study-day";

/** The `count` study days ending with `last`, oldest first. */
export function daysEnding(last: StudyDay, count: number): StudyDay[] {
  return Array.from({ length: count }, (_, i) => addDays(last, i - count + 1));
}

/** Seconds in one bucket of the SQL aggregations (a UTC quarter hour). */
export const BUCKET_SECONDS = 900;

/**
 * Maps the start of a UTC quarter-hour bucket to its study day. Every time zone's offset is a
 * whole number of quarter hours and study days start on a whole local hour, so a bucket never
 * straddles two study days and its first second decides for all of it. Buckets arrive mostly in
 * order, so the current day's bounds are kept and only a bucket outside them asks the time zone.
 */
export function bucketDayResolver(timeZone: string, dayStartHour: number): (bucket: number) => StudyDay {
  let day: StudyDay | null = null;
  let start = 0;
  let end = 0;
  return (bucket: number): StudyDay => {
    const ms = bucket * BUCKET_SECONDS * 1000;
    if (day === null || ms < start || ms >= end) {
      day = studyDayOf(new Date(ms), timeZone, dayStartHour);
      start = studyDayStart(day, timeZone, dayStartHour).getTime();
      end = studyDayStart(addDays(day, 1), timeZone, dayStartHour).getTime();
    }
    return day;
  };
}
