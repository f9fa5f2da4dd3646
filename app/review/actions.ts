"use server";

import { actionError, invalidInput } from "@/lib/server/action-result";
import { requireUser } from "@/lib/server/auth";
import { recordReview, undoReview } from "@/lib/server/reviews";
import type { ActionResult, CardUpdateDTO } from "@/lib/types";
import { GradeInputSchema, UndoInputSchema } from "@/lib/validation/review";

// No revalidatePath: every study page renders per request (connection()), so nothing is cached,
// and a refresh here would re-render the review session under the user's hands.

export async function gradeCardAction(input: unknown): Promise<ActionResult<CardUpdateDTO>> {
  const user = await requireUser();
  const parsed = GradeInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await recordReview(user.id, parsed.data, new Date()) };
  } catch (error) {
    return actionError(error);
  }
}

export async function undoReviewAction(input: unknown): Promise<ActionResult<CardUpdateDTO>> {
  const user = await requireUser();
  const parsed = UndoInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await undoReview(user.id, parsed.data.clientId, new Date()) };
  } catch (error) {
    return actionError(error);
  }
}
