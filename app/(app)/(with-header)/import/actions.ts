"use server";

import { authAction } from "@/lib/server/action";
import { serverNow } from "@/lib/server/clock";
import { importConcepts, previewImportAgainstDeck, previewImportText } from "@/lib/server/imports";
import { ImportConceptsSchema, ImportPlanInputSchema, ImportTextSchema } from "@/lib/validation/imports";

// Nothing is written before importConceptsAction; the page navigates to the deck after it.

export const previewImportTextAction = authAction(ImportTextSchema, (input, user) => previewImportText(user.id, input));

export const previewImportPlanAction = authAction(ImportPlanInputSchema, (input, user) =>
  previewImportAgainstDeck(user.id, input.deckId ?? null, input.concepts),
);

export const importConceptsAction = authAction(ImportConceptsSchema, (input, user) =>
  importConcepts(user.id, input, serverNow()),
);
