"use client";

import Link from "next/link";
import { useActionState, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/types/actions";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validation/limits";

type State = FormState<"username">;

// Neither value changes after the page has loaded, so there is nothing to subscribe to.
function subscribeToNothing() {
  return () => {};
}

// Study days follow the browser's time zone, recorded once at sign-up.
function browserTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The sign-in and sign-up form: the same fields, a different action and wording. */
export function AuthForm({
  mode,
  action,
  invite,
}: {
  mode: "sign-in" | "sign-up";
  action: (state: State, data: FormData) => Promise<State>;
  /** The code of the invite link the sign-up page was opened with. */
  invite?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  // Controlled, so React's reset of the form after a failed attempt keeps what was typed; starts
  // from the server's echo when the form was posted before the page finished loading.
  const [username, setUsername] = useState((state && !state.ok ? state.values?.username : undefined) ?? "");
  // The server's render (and hydration) has no browser: empty time zone, not ready; React renders
  // again with the browser's values once hydrated.
  const ready = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  const timeZone = useSyncExternalStore(subscribeToNothing, browserTimeZone, () => "");
  const signUp = mode === "sign-up";

  const fieldError = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  const formError = state && !state.ok && !state.fieldErrors ? state.error : undefined;

  return (
    <form action={formAction} className="space-y-5" noValidate data-ready={ready || undefined}>
      {formError ? <Alert>{formError}</Alert> : null}
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={64}
        value={username}
        onChange={(event) => setUsername(event.target.value)}
        error={fieldError("username")}
        hint={signUp ? "3-32 letters, digits, dots, dashes or underscores." : undefined}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={signUp ? "new-password" : "current-password"}
        required
        minLength={signUp ? PASSWORD_MIN : undefined}
        maxLength={PASSWORD_MAX}
        error={fieldError("password")}
        hint={signUp ? `At least ${PASSWORD_MIN} characters, not a common password or your username.` : undefined}
      />
      {signUp ? <input type="hidden" name="timeZone" value={timeZone} /> : null}
      {signUp && invite ? <input type="hidden" name="invite" value={invite} /> : null}
      <Button type="submit" size="lg" className="w-full" disabled={pending}>
        {signUp ? (pending ? "Creating your account…" : "Create account") : pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-stone-600 dark:text-stone-400">
        {signUp ? "Already have an account? " : "New to Mesa? "}
        <Link
          href={signUp ? "/sign-in" : "/sign-up"}
          className="font-medium text-accent-600 underline-offset-4 hover:underline dark:text-accent-400"
        >
          {signUp ? "Sign in" : "Create an account"}
        </Link>
      </p>
    </form>
  );
}
