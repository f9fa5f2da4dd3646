"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import type { ActionResult } from "@/lib/types/actions";
import { DECK_DESCRIPTION_MAX, DECK_TITLE_MAX } from "@/lib/validation/authoring-limits";

type CreateDeck = (input: { title: string; description: string }) => Promise<ActionResult<{ deckId: string }>>;
type UpdateDeck = (input: { deckId: string; title: string; description: string }) => Promise<ActionResult<void>>;

/**
 * Makes a deck of one's own (then opens it), or renames and describes one (`deck` given).
 */
export function OwnDeckForm({
  deck,
  createAction,
  updateAction,
}: {
  deck?: { id: string; title: string; description: string };
  createAction?: CreateDeck;
  updateAction?: UpdateDeck;
}) {
  const router = useRouter();
  const [title, setTitle] = useState(deck?.title ?? "");
  const [description, setDescription] = useState(deck?.description ?? "");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const prefix = deck ? "deck-edit" : "deck-new";

  const submit = () =>
    startTransition(async () => {
      if (deck && updateAction) {
        const result = await updateAction({ deckId: deck.id, title, description });
        if (result.ok) {
          setErrors({});
          setMessage({ text: "Saved.", ok: true });
          router.refresh();
        } else {
          setErrors(result.fieldErrors ?? {});
          setMessage({ text: result.error, ok: false });
        }
      } else if (createAction) {
        const result = await createAction({ title, description });
        if (result.ok) router.push(`/decks/mine/${result.data.deckId}`);
        else {
          setErrors(result.fieldErrors ?? {});
          setMessage({ text: result.error, ok: false });
        }
      }
    });

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Field
        label="Title"
        name={`${prefix}-title`}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={DECK_TITLE_MAX}
        error={errors.title?.join(" ")}
        hint={`At most ${DECK_TITLE_MAX} characters.`}
        autoComplete="off"
      />
      <TextareaField
        label="Description"
        name={`${prefix}-description`}
        rows={2}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errors.description?.join(" ")}
        hint={`Optional; at most ${DECK_DESCRIPTION_MAX} characters.`}
      />
      {message ? (
        <p
          role={message.ok ? "status" : "alert"}
          className={message.ok ? "text-sm text-accent-700 dark:text-accent-300" : "text-sm text-red-700 dark:text-red-300"}
        >
          {message.text}
        </p>
      ) : null}
      <Button type="submit" pending={pending} pendingText="Saving…" data-testid={deck ? "save-deck" : "create-deck"}>
        {deck ? "Save" : "Create deck"}
      </Button>
    </form>
  );
}
