"use server";

import { redirect } from "next/navigation";
import { changePassword, changeUsername, deleteAccount } from "@/lib/server/account";
import { authAction, formAction } from "@/lib/server/action";
import { endSession, requireUser } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { createInvite, revokeInvite } from "@/lib/server/invites";
import { ChangePasswordSchema, ChangeUsernameSchema, DeleteAccountSchema } from "@/lib/validation/account";
import { CreateInviteSchema, RevokeInviteSchema } from "@/lib/validation/invites";

// No revalidatePath: the account page renders per request, and the invites panel refreshes it.

/** A new invite link for the signed-in user; its code is in the answer, once. */
export const createInviteAction = authAction(CreateInviteSchema, (input, user) => createInvite(user.id, input, serverNow()));

/** Ends one of the signed-in user's invites. */
export const revokeInviteAction = authAction(RevokeInviteSchema, (input, user) =>
  revokeInvite(user.id, input.inviteId, serverNow()),
);

/** Changes the password (the current one is checked); every other browser is signed out. */
export const changePasswordAction = formAction({ signedIn: true, schema: ChangePasswordSchema }, async (input) => {
  const session = await requireUser();
  await changePassword(session, input, serverNow());
});

/** Changes the username (unique, whatever the case). */
export const changeUsernameAction = formAction(
  { signedIn: true, schema: ChangeUsernameSchema, echo: ["username"] },
  async (input, user) => {
    await changeUsername(user!.id, input);
  },
);

/** Deletes the account and everything in it, then signs this browser out. */
export const deleteAccountAction = formAction(
  { signedIn: true, schema: DeleteAccountSchema, echo: ["confirmUsername"] },
  async (input, user) => {
    await deleteAccount(user!.id, input.confirmUsername);
    await endSession();
    redirect("/sign-in");
  },
);
