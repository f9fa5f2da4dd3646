import { z } from "zod";
import { PREVIEWS_AHEAD } from "@/lib/srs/grades";

const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Malformed client id");

export const GradeInputSchema = z.object({
  cardId: z.string().min(1).max(64),
  grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  clientId: ClientIdSchema,
  /** The card version the grade was chosen for: a newer card means another tab got there first. */
  expectedVersion: z.number().int().min(0),
  // Capped so one card left open over lunch does not distort the time statistics.
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60 * 1000)
    .transform((ms) => Math.min(ms, 10 * 60 * 1000)),
  /** Cards coming up in the session that have no grade previews yet: the answer carries theirs. */
  previewFor: z.array(z.string().min(1).max(64)).max(PREVIEWS_AHEAD).optional(),
});
export type GradeInput = z.infer<typeof GradeInputSchema>;

export const UndoInputSchema = z.object({ clientId: ClientIdSchema });
export type UndoInput = z.infer<typeof UndoInputSchema>;
