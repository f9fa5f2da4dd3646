import { z } from "zod";
import { MAX_TYPED_ANSWER_LENGTH } from "@/lib/quiz/match";
import { QUIZ_MODE_CHOICES } from "@/lib/quiz/setup";

const IdSchema = z.string().min(1).max(64);

/** Most concepts a listed scope may name ("quiz the misses again" lists a quiz's misses). */
export const MAX_SCOPE_CONCEPTS = 500;

// Strict objects: a key the server does not expect (say, a claimed "correct") is refused, not ignored.
export const QuizScopeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("deck"), deckId: IdSchema }),
  z.strictObject({ kind: z.literal("all") }),
  z.strictObject({ kind: z.literal("weak") }),
  z.strictObject({ kind: z.literal("tag"), tag: z.string().trim().min(1).max(100) }),
  z.strictObject({
    kind: z.literal("pair"),
    conceptIds: z.tuple([IdSchema, IdSchema]).refine(([a, b]) => a !== b, "A pair is two different concepts."),
  }),
  z.strictObject({ kind: z.literal("concepts"), conceptIds: z.array(IdSchema).min(1).max(MAX_SCOPE_CONCEPTS) }),
]);
export type QuizScope = z.infer<typeof QuizScopeSchema>;

export const CreateQuizSchema = z.strictObject({
  scope: QuizScopeSchema,
  length: z.union([z.literal(10), z.literal(20), z.literal("all")]),
  mode: z.enum(QUIZ_MODE_CHOICES),
});
export type CreateQuizInput = z.infer<typeof CreateQuizSchema>;

/**
 * An answer is the question's id and the choice: an option index, true/false, or the typed text.
 * Whether it is right is decided by the server from its own copy of the question.
 */
export const AnswerQuizSchema = z.strictObject({
  questionId: IdSchema,
  answer: z.union([z.number().int().min(0).max(9), z.boolean(), z.string().max(MAX_TYPED_ANSWER_LENGTH)]),
  // Capped so a question left open over lunch does not distort the quiz time.
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60 * 1000)
    .transform((ms) => Math.min(ms, 10 * 60 * 1000)),
});
export type AnswerQuizInput = z.infer<typeof AnswerQuizSchema>;
