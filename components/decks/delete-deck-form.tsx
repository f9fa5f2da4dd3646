"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/types/actions";

type DeleteDeck = (input: { deckId: string; confirmTitle: string }) => Promise<ActionResult<{ concepts: number; cards: number }>>;

/** Deleting a deck for good: the user types its title first. */
export function DeleteDeckForm({ deck, action }: { deck: { id: string; title: string }; action: DeleteDeck }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const matches = typed.trim() === deck.title;
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await action({ deckId: deck.id, confirmTitle: typed });
          if (result.ok) router.push("/decks");
          else setError(result.fieldErrors?.confirmTitle?.join(" ") ?? result.error);
        });
      }}
    >
      <Field
        label={`Type “${deck.title}” to confirm`}
        name="confirmTitle"
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          setError(null);
        }}
        error={error ?? undefined}
        autoComplete="off"
      />
      <Button
        type="submit"
        variant="secondary"
        disabled={!matches}
        pending={pending}
        pendingText="Deleting…"
        className="border-red-300 text-red-700 hover:bg-red-50 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950/40"
        data-testid="delete-deck"
      >
        Delete this deck for good
      </Button>
    </form>
  );
}
