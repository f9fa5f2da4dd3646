"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/types/actions";

/** The "Sign out" button of one session; says why when the server refuses. */
export function SignOutSessionForm({
  sessionId,
  label,
  action,
}: {
  sessionId: string;
  /** Which session, for screen readers: every row's button reads "Sign out". */
  label: string;
  action: (state: FormState, data: FormData) => Promise<FormState>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex items-center gap-3">
      <input type="hidden" name="sessionId" value={sessionId} />
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" disabled={pending} data-testid="sign-out-session">
        Sign out<span className="sr-only"> {label}</span>
      </Button>
    </form>
  );
}
