/** The streak block of the home page, all computed from the review log. */
export interface StreakSummaryDTO {
  current: number;
  longest: number;
  freezesHeld: number;
  /** Missed days a freeze covered in the current streak, oldest first. */
  frozenDays: string[];
  goal: { kind: "REVIEWS"; reviews: number } | { kind: "CLEAR_DUE" };
  /** Non-undone reviews this study day. */
  reviewedToday: number;
  /** For the clear-the-queue goal: cards due before today ends and not yet reviewed. */
  dueLeftToday: number;
  todayMet: boolean;
  milestone: number | null;
  nextMilestone: number | null;
  /** Every study day whose goal was met, oldest first (the statistics heatmap marks them). */
  goalMetDays: string[];
}
