"use server";

import { authAction } from "@/lib/server/action";
import { serverNow } from "@/lib/server/clock";
import { createOwnConcept, updateOwnConcept } from "@/lib/server/own-concepts";
import { createOwnDeck, deleteOwnDeck, updateOwnDeck } from "@/lib/server/own-decks";
import {
  CreateConceptSchema,
  DeckFieldsSchema,
  DeleteDeckSchema,
  UpdateConceptSchema,
  UpdateDeckSchema,
} from "@/lib/validation/authoring";

// The forms navigate or refresh themselves: every page renders per request.

export const createOwnDeckAction = authAction(DeckFieldsSchema, (input, user) => createOwnDeck(user.id, input, serverNow()));

export const updateOwnDeckAction = authAction(UpdateDeckSchema, (input, user) => updateOwnDeck(user.id, input));

export const deleteOwnDeckAction = authAction(DeleteDeckSchema, (input, user) => deleteOwnDeck(user.id, input));

export const createOwnConceptAction = authAction(CreateConceptSchema, (input, user) =>
  createOwnConcept(user.id, input, serverNow()),
);

export const updateOwnConceptAction = authAction(UpdateConceptSchema, (input, user) =>
  updateOwnConcept(user.id, input, serverNow()),
);
