"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionError, invalidInput } from "@/lib/server/action-result";
import { clientAddress, endAllSessions, endSession, endSessionOf, requireUser, startSession } from "@/lib/server/auth";
import { signUp, verifyCredentials } from "@/lib/server/users";
import type { ActionResult, AuthFormState } from "@/lib/types";
import { SignInSchema, SignOutSessionSchema, SignUpSchema } from "@/lib/validation/auth";

function formFields(formData: FormData, names: string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, formData.get(name)?.toString()]));
}

export async function signUpAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const fields = formFields(formData, ["username", "password", "timeZone"]);
  const parsed = SignUpSchema.safeParse(fields);
  if (!parsed.success) return { ...invalidInput(parsed.error), username: fields.username };
  try {
    const user = await signUp(parsed.data, await clientAddress(), new Date());
    await startSession(user.id);
  } catch (error) {
    return { ...actionError(error), username: fields.username };
  }
  redirect("/");
}

export async function signInAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const fields = formFields(formData, ["username", "password"]);
  const parsed = SignInSchema.safeParse(fields);
  if (!parsed.success) return { ...invalidInput(parsed.error), username: fields.username };
  try {
    const user = await verifyCredentials(parsed.data, await clientAddress());
    await startSession(user.id);
  } catch (error) {
    return { ...actionError(error), username: fields.username };
  }
  redirect("/");
}

/** Signs this browser out and ends its session on the server. */
export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/sign-in");
}

/** "Sign out" on one row of the account page's session list; only the user's own sessions. */
export async function signOutSessionAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult | null> {
  const user = await requireUser();
  const parsed = SignOutSessionSchema.safeParse(formFields(formData, ["sessionId"]));
  if (!parsed.success) return invalidInput(parsed.error);
  let signedOutHere: boolean;
  try {
    signedOutHere = await endSessionOf(user, parsed.data.sessionId);
  } catch (error) {
    return actionError(error);
  }
  if (signedOutHere) redirect("/sign-in");
  revalidatePath("/account");
  return { ok: true, data: undefined };
}

/** Ends every session of this user, on every device, including this one. */
export async function signOutEverywhereAction(): Promise<void> {
  await endAllSessions(await requireUser());
  redirect("/sign-in");
}
