"use server";

import { authAction } from "@/lib/server/action";
import { recordReview, undoReview } from "@/lib/server/reviews";
import { GradeInputSchema, UndoInputSchema } from "@/lib/validation/review";
import { serverNow } from "@/lib/server/clock";

// No revalidatePath: every study page renders per request (connection()), so nothing is cached,
// and a refresh here would re-render the review session under the user's hands.

export const gradeCardAction = authAction(GradeInputSchema, (input, user) => recordReview(user.id, input, serverNow()));

export const undoReviewAction = authAction(UndoInputSchema, (input, user) => undoReview(user.id, input.clientId, serverNow()));
