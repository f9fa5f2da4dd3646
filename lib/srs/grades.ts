/** What the user presses: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export const GRADES = [1, 2, 3, 4] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };

/**
 * How many cards of a review session carry their grade previews ahead of being shown: the review
 * page computes them for this many cards first, and each grade asks for the next cards that lack them.
 */
export const PREVIEWS_AHEAD = 5;

/** What a grade button shows: how long until the card comes back if this grade is pressed. */
export interface GradePreview {
  grade: Grade;
  intervalMs: number;
}
