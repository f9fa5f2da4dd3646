import { addDays, type StudyDay } from "@/lib/srs/study-day";
import type { DayCountDTO } from "@/lib/types/stats";
import { bucketDayResolver, daysEnding, type BucketSeconds } from "./days";

/** Cards falling due in one UTC bucket (see bucketSecondsFor). */
export interface DueBucket {
  bucket: number;
  count: number;
}

/**
 * Cards due per study day for `count` days from today. A card due before today is overdue and
 * counts today, as it is in today's queue; a card due after the last day is not counted.
 */
export function dueForecast(
  buckets: Iterable<DueBucket>,
  bucketSeconds: BucketSeconds,
  today: StudyDay,
  count: number,
  timeZone: string,
  dayStartHour: number,
): DayCountDTO[] {
  const days = daysEnding(addDays(today, count - 1), count);
  const index = new Map(days.map((day, i) => [day, i]));
  const counts = days.map(() => 0);
  const dayOf = bucketDayResolver(timeZone, dayStartHour, bucketSeconds);
  for (const { bucket, count: cards } of buckets) {
    const day = dayOf(bucket);
    if (day < today) counts[0] += cards;
    else {
      const i = index.get(day);
      if (i !== undefined) counts[i] += cards;
    }
  }
  return days.map((day, i) => ({ day, count: counts[i] }));
}
