"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authSubmit, formAction } from "@/lib/server/action";
import { clientAddress, endAllSessions, endSession, endSessionOf, startSession } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { signUp, verifyCredentials } from "@/lib/server/users";
import { SIGNED_OUT, SignInSchema, SignOutSessionSchema, SignUpSchema } from "@/lib/validation/auth";

export const signUpAction = formAction({ signedIn: false, schema: SignUpSchema, echo: ["username"] }, async (input) => {
  const user = await signUp(input, await clientAddress(), serverNow());
  await startSession(user.id);
  redirect("/");
});

export const signInAction = formAction({ signedIn: false, schema: SignInSchema, echo: ["username"] }, async (input) => {
  const user = await verifyCredentials(input, await clientAddress());
  await startSession(user.id);
  redirect("/");
});

/** Signs this browser out and ends its session on the server. */
export const signOutAction = authSubmit(async () => {
  await endSession();
  redirect(`/sign-in?signed-out=${SIGNED_OUT.here}`);
});

/** "Sign out" on one row of the account page's session list; only the user's own sessions. */
export const signOutSessionAction = formAction({ signedIn: true, schema: SignOutSessionSchema }, async (input, user) => {
  if (await endSessionOf(user!, input.sessionId)) redirect(`/sign-in?signed-out=${SIGNED_OUT.here}`);
  revalidatePath("/account");
});

/** Ends every session of this user, on every device, including this one. */
export const signOutEverywhereAction = authSubmit(async (user) => {
  await endAllSessions(user);
  redirect(`/sign-in?signed-out=${SIGNED_OUT.everywhere}`);
});
