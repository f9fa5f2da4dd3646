import { QUIZ_MODES, type QuizMode } from "./types";

/** The quiz lengths offered: a short drill, a longer one, or every concept of the scope once. */
export const QUIZ_LENGTHS = [10, 20, "all"] as const;
export type QuizLength = (typeof QUIZ_LENGTHS)[number];

/** "mixed" deals every mode in turn; a single mode drills one kind of question. */
export const QUIZ_MODE_CHOICES = ["mixed", ...QUIZ_MODES] as const;
export type QuizModeChoice = (typeof QUIZ_MODE_CHOICES)[number];

export function modesOf(choice: QuizModeChoice): QuizMode[] {
  return choice === "mixed" ? [...QUIZ_MODES] : [choice];
}

/** How far back a review lapse or a quiz miss makes a concept a weak spot. */
export const WEAK_SPOT_DAYS = 30;
