"use server";

import { authAction } from "@/lib/server/action";
import { serverNow } from "@/lib/server/clock";
import { addExtraNewCards } from "@/lib/server/study/held-back";
import { recordReview, undoReview } from "@/lib/server/reviews";
import { GradeInputSchema, UndoInputSchema } from "@/lib/validation/review";
import { ExtraNewCardsSchema } from "@/lib/validation/study";

// No revalidatePath: every study page renders per request (connection()), so nothing is cached,
// and a refresh here would re-render the review session under the user's hands.

export const gradeCardAction = authAction(GradeInputSchema, (input, user) => recordReview(user.id, input, serverNow()));

export const undoReviewAction = authAction(UndoInputSchema, (input, user) => undoReview(user.id, input.clientId, serverNow()));

/** "N more new cards today" (home and the empty review screen): this study day's limit only, never the setting. */
export const addExtraNewCardsAction = authAction(ExtraNewCardsSchema, (input, user) =>
  addExtraNewCards(user.id, input, serverNow()),
);
