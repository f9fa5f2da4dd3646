import type { z } from "zod";
import type { ActionResult } from "@/lib/types/actions";
import type { CreatedQuiz, QuizFeedbackDTO } from "@/lib/types/quiz";
import type { AnswerQuizSchema, CreateQuizSchema } from "@/lib/validation/quiz";

// Typed by the server's schemas (types only: zod never reaches the browser), so a request that no
// longer matches the schema does not compile.
export type CreateQuizRequest = z.input<typeof CreateQuizSchema>;
export type AnswerQuizRequest = z.input<typeof AnswerQuizSchema>;
export type QuizScopeRequest = CreateQuizRequest["scope"];

export type CreateQuizAction = (input: CreateQuizRequest) => Promise<ActionResult<CreatedQuiz>>;
export type AnswerQuizAction = (input: AnswerQuizRequest) => Promise<ActionResult<QuizFeedbackDTO>>;
