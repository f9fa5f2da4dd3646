"use server";

import { authAction } from "@/lib/server/action";
import { serverNow } from "@/lib/server/clock";
import { createInvite, revokeInvite } from "@/lib/server/invites";
import { CreateInviteSchema, RevokeInviteSchema } from "@/lib/validation/invites";

// No revalidatePath: the account page renders per request, and the invites panel refreshes it.

/** A new invite link for the signed-in user; its code is in the answer, once. */
export const createInviteAction = authAction(CreateInviteSchema, (input, user) => createInvite(user.id, input, serverNow()));

/** Ends one of the signed-in user's invites. */
export const revokeInviteAction = authAction(RevokeInviteSchema, (input, user) =>
  revokeInvite(user.id, input.inviteId, serverNow()),
);
