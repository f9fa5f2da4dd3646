"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { AccountDownloadLinks } from "@/components/export/download-links";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/types/actions";

type Action<K extends string> = (state: FormState<K>, data: FormData) => Promise<FormState<K>>;

const HINT = "text-sm text-stone-600 dark:text-stone-400";

function fieldErrorOf<K extends string>(state: FormState<K>, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined;
}

/** A refused form: focus goes to the first field marked; the outcome otherwise shows under the button. */
function useFocusOnError<K extends string>(state: FormState<K>) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);
  return formRef;
}

function Outcome<K extends string>({ state, success, testId }: { state: FormState<K>; success: string; testId: string }) {
  return (
    <div aria-live="polite" data-testid={testId}>
      {state?.ok ? <Alert tone="info">{success}</Alert> : null}
      {state && !state.ok && !state.fieldErrors ? <Alert>{state.error}</Alert> : null}
    </div>
  );
}

/** Change password: the current one, then a new one; other browsers are signed out. */
export function ChangePasswordForm({ username, action }: { username: string; action: Action<never> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  // Uncontrolled: React empties the fields after each submission, so no password lingers in the form.
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-4" data-testid="change-password-form">
      <input type="hidden" name="username" value={username} />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={fieldErrorOf(state, "currentPassword")}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        error={fieldErrorOf(state, "newPassword")}
        hint="8 to 256 characters; not a common password or your username."
      />
      <Button type="submit" variant="secondary" pending={pending} pendingText="Changing…" data-testid="change-password">
        Change password
      </Button>
      <Outcome
        state={state}
        success="Password changed. Every other browser signed in to this account is signed out."
        testId="change-password-status"
      />
    </form>
  );
}

/** Change username (unique, whatever the case). */
export function ChangeUsernameForm({ username, action }: { username: string; action: Action<"username"> }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const [value, setValue] = useState(username);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-4" data-testid="change-username-form">
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={fieldErrorOf(state, "username")}
        hint="3 to 32 letters, digits, dots, dashes or underscores. You sign in with it."
      />
      <Button type="submit" variant="secondary" pending={pending} pendingText="Saving…" data-testid="change-username">
        Change username
      </Button>
      <Outcome state={state} success="Username changed." testId="change-username-status" />
    </form>
  );
}

/** Delete my account: type the username to confirm. */
export function DeleteAccountForm({ username, action }: { username: string; action: Action<"confirmUsername"> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useFocusOnError(state);
  const [value, setValue] = useState("");
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-4" data-testid="delete-account-form">
      <p className={HINT}>
        Deletes your cards, review history, quizzes, decks, wordings, invites and sessions, at once and for good, with no undo.
        Download your cards and review log first (and each deck you wrote, under Export above) if you may want them back.
      </p>
      <AccountDownloadLinks testId="delete-account-export" />
      <Field
        label={`Type your username (${username}) to confirm`}
        name="confirmUsername"
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={fieldErrorOf(state, "confirmUsername")}
      />
      <Button
        type="submit"
        variant="secondary"
        className="text-red-700 dark:text-red-300"
        pending={pending}
        pendingText="Deleting…"
        disabled={value.trim() !== username}
        data-testid="delete-account"
      >
        Delete my account
      </Button>
      <Outcome state={state} success="Account deleted." testId="delete-account-status" />
    </form>
  );
}
