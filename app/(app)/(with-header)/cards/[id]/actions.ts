"use server";

import { authAction } from "@/lib/server/action";
import { serverNow } from "@/lib/server/clock";
import { markOriginalChangeSeen, revertWording, saveWording } from "@/lib/server/overrides";
import { ConceptIdSchema, RewordSchema } from "@/lib/validation/authoring";

export const saveWordingAction = authAction(RewordSchema, (input, user) => saveWording(user.id, input, serverNow()));

export const revertWordingAction = authAction(ConceptIdSchema, (input, user) =>
  revertWording(user.id, input.conceptId, serverNow()),
);

export const wordingSeenAction = authAction(ConceptIdSchema, (input, user) =>
  markOriginalChangeSeen(user.id, input.conceptId, serverNow()),
);
