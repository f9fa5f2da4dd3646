"use server";

import { redirect } from "next/navigation";
import { actionError, invalidInput } from "@/lib/server/action-result";
import { clientAddress, endSession, requireUser, startSession } from "@/lib/server/auth";
import { bumpSessionVersion, createUser, verifyCredentials } from "@/lib/server/users";
import type { AuthFormState } from "@/lib/types";
import { SignInSchema, SignUpSchema } from "@/lib/validation/auth";


function formFields(formData: FormData, names: string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, formData.get(name)?.toString()]));
}

export async function signUpAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const fields = formFields(formData, ["username", "password", "timeZone"]);
  const parsed = SignUpSchema.safeParse(fields);
  if (!parsed.success) return { ...invalidInput(parsed.error), username: fields.username };
  try {
    await startSession(await createUser(parsed.data, new Date()));
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
    await startSession(await verifyCredentials(parsed.data, await clientAddress()));
  } catch (error) {
    return { ...actionError(error), username: fields.username };
  }
  redirect("/");
}

export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/sign-in");
}

/** Ends every session of this user, on every device, including this one. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser();
  await bumpSessionVersion(user.id);
  await endSession();
  redirect("/sign-in");
}
