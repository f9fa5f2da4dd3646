"use server";

import { authAction } from "@/lib/server/action";
import { deleteCards, moveCards, previewCardDeletion, resetCards, suspendCards, tagCards } from "@/lib/server/card-bulk";
import { serverNow } from "@/lib/server/clock";
import {
  DeleteCardsSchema,
  MoveCardsSchema,
  ResetCardsSchema,
  SuspendCardsSchema,
  TagCardsSchema,
} from "@/lib/validation/card-browser";

// The card browser refreshes the list itself (router.refresh): every page renders per request.

export const suspendCardsAction = authAction(SuspendCardsSchema, (input, user) =>
  suspendCards(user.id, input.target, input.suspended, serverNow()),
);

export const resetCardsAction = authAction(ResetCardsSchema, (input, user) => resetCards(user.id, input.target, serverNow()));

export const tagCardsAction = authAction(TagCardsSchema, (input, user) =>
  tagCards(user.id, input.target, input.tag, input.remove, serverNow()),
);

export const moveCardsAction = authAction(MoveCardsSchema, (input, user) =>
  moveCards(user.id, input.target, input.deckId, serverNow()),
);

export const previewCardDeletionAction = authAction(DeleteCardsSchema, (input, user) =>
  previewCardDeletion(user.id, input.target, serverNow()),
);

export const deleteCardsAction = authAction(DeleteCardsSchema, (input, user) => deleteCards(user.id, input.target, serverNow()));
