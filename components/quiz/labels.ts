import type { QuizMode } from "@/lib/quiz/types";
import type { QuizModeChoice } from "@/lib/quiz/setup";

export const MODE_LABELS: Record<QuizModeChoice, string> = {
  mixed: "All kinds, mixed",
  "definition-to-term": "Definition → term",
  "term-to-definition": "Term → definition",
  "typed-recall": "Type the term",
  "example-to-concept": "Example → concept",
  "true-false": "True or false",
};

/** The instruction above each kind of question. */
export const MODE_PROMPTS: Record<QuizMode, string> = {
  "definition-to-term": "Which term is defined here?",
  "term-to-definition": "Which definition belongs to this term?",
  "typed-recall": "Type the term for this definition",
  "example-to-concept": "Which concept does this example illustrate?",
  "true-false": "True or false?",
};
