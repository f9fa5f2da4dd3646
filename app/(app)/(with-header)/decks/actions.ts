"use server";

import { authAction } from "@/lib/server/action";
import { startStudyingDeck, stopStudyingDeck } from "@/lib/server/enrolments";
import { DeckChoiceInputSchema } from "@/lib/validation/decks";
import { serverNow } from "@/lib/server/clock";

// The buttons refresh the page themselves (router.refresh): every page renders per request.

export const startStudyingDeckAction = authAction(DeckChoiceInputSchema, (input, user) =>
  startStudyingDeck(user.id, input.deckId, serverNow()),
);

export const stopStudyingDeckAction = authAction(DeckChoiceInputSchema, (input, user) =>
  stopStudyingDeck(user.id, input.deckId, serverNow()),
);
