import { addDays, type StudyDay } from "@/lib/srs/study-day";

/**
 * Days in a row, ending today, with at least one review. A day without reviews yet does not break
 * the streak until it is over: with nothing today, the streak still counts up to yesterday.
 */
export function currentStreak(daysWithReviews: Iterable<StudyDay>, today: StudyDay): number {
  const days = new Set(daysWithReviews);
  let day = days.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day = addDays(day, -1);
  }
  return streak;
}

/** The longest run of consecutive study days with reviews. */
export function longestStreak(daysWithReviews: Iterable<StudyDay>): number {
  const days = [...new Set(daysWithReviews)].sort();
  let longest = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && addDays(days[i - 1], 1) === days[i] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
}
