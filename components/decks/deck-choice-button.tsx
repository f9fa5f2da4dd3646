"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/types/actions";

/**
 * A button that starts or stops studying a deck, then shows the page again from the server (the
 * counts change with the choice). An error stays next to the button.
 */
export function DeckChoiceButton({
  deckId,
  action,
  label,
  pendingLabel,
  variant = "primary",
  testId,
}: {
  deckId: string;
  action: (input: { deckId: string }) => Promise<ActionResult<unknown>>;
  label: string;
  /** What the button says while the choice is saved and the page reloads ("Adding deck…"). */
  pendingLabel: string;
  variant?: "primary" | "secondary" | "ghost";
  testId?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        variant={variant}
        pending={pending}
        pendingText={pendingLabel}
        data-testid={testId}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ deckId });
            if (result.ok) {
              setError(null);
              router.refresh();
            } else setError(result.error);
          })
        }
      >
        {label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}
