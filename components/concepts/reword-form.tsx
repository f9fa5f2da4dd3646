"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import type { ActionResult } from "@/lib/types/actions";
import { ALIASES_MAX, DEFINITION_MAX, EXAMPLES_MAX, splitCommaList, splitLines } from "@/lib/validation/authoring-limits";

type SaveWording = (input: {
  conceptId: string;
  definition: string;
  examples: string[];
  aliases: string[];
}) => Promise<ActionResult<void>>;
type RevertWording = (input: { conceptId: string }) => Promise<ActionResult<void>>;

/**
 * Rewording a built-in concept: its definition, examples and aliases in the user's own words,
 * saved for them alone. "Revert" goes back to the original.
 */
export function RewordForm({
  conceptId,
  definition,
  examples,
  aliases,
  reworded,
  saveAction,
  revertAction,
}: {
  conceptId: string;
  definition: string;
  examples: string[];
  aliases: string[];
  reworded: boolean;
  saveAction: SaveWording;
  revertAction: RevertWording;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ definition, examples: examples.join("\n"), aliases: aliases.join(", ") });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const save = () =>
    startTransition(async () => {
      const result = await saveAction({
        conceptId,
        definition: values.definition,
        examples: splitLines(values.examples),
        aliases: splitCommaList(values.aliases),
      });
      if (result.ok) {
        setErrors({});
        setMessage(null);
        setOpen(false);
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? null : result.error);
      }
    });
  const revert = () =>
    startTransition(async () => {
      const result = await revertAction({ conceptId });
      if (result.ok) router.refresh();
      else setMessage(result.error);
    });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="reword">
          {reworded ? "Edit your wording" : "Edit"}
        </Button>
        {reworded ? (
          <Button type="button" variant="ghost" onClick={revert} pending={pending && !open} data-testid="revert-wording">
            Revert to the original
          </Button>
        ) : null}
      </div>
      {open ? (
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <p className="text-sm text-stone-600 dark:text-stone-400">
            Your wording is yours alone; the card keeps its schedule and history. Markdown works: *emphasis*, **bold**, lists,
            [links](https://example.org).
          </p>
          <TextareaField
            label="Definition"
            name="definition"
            rows={5}
            value={values.definition}
            onChange={(e) => setValues({ ...values, definition: e.target.value })}
            error={errors.definition?.join(" ")}
            hint={`At most ${DEFINITION_MAX} characters; it must not give the term away.`}
          />
          <TextareaField
            label="Examples"
            name="examples"
            rows={3}
            value={values.examples}
            onChange={(e) => setValues({ ...values, examples: e.target.value })}
            error={errors.examples?.join(" ")}
            hint={`One a line, at most ${EXAMPLES_MAX}.`}
          />
          <Field
            label="Aliases"
            name="aliases"
            value={values.aliases}
            onChange={(e) => setValues({ ...values, aliases: e.target.value })}
            error={errors.aliases?.join(" ")}
            hint={`Other names, separated by commas; at most ${ALIASES_MAX}.`}
          />
          {message ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {message}
            </p>
          ) : null}
          <Button type="submit" pending={pending} pendingText="Saving…" data-testid="save-wording">
            Save my wording
          </Button>
        </form>
      ) : message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** Records, once the page shows it, that the user saw the "original wording changed" notice. */
export function OriginalChangeSeen({
  conceptId,
  action,
}: {
  conceptId: string;
  action: (input: { conceptId: string }) => Promise<ActionResult<void>>;
}) {
  useEffect(() => {
    void action({ conceptId }).catch(() => undefined);
  }, [action, conceptId]);
  return null;
}
