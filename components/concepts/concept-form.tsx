"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { Button, LinkButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import { checkConcept, type ConceptIssue } from "@/lib/decks/concept-checks";
import type { ActionResult } from "@/lib/types/actions";
import type { ConceptFormDTO, SavedConceptDTO } from "@/lib/types/authoring";
import {
  ALIAS_MAX,
  ALIASES_MAX,
  CARD_KIND_CHOICES,
  DEFINITION_MAX,
  DEFINITION_WORDS_WARN,
  EXAMPLE_MAX,
  EXAMPLES_MAX,
  LINKS_MAX,
  SOURCE_TEXT_MAX,
  TAG_MAX,
  TAGS_MAX,
  TERM_MAX,
  splitCommaList,
  splitLines,
  type CardKindChoice,
} from "@/lib/validation/authoring-limits";
import { ConceptPicker } from "./concept-picker";

export interface ConceptRequest {
  term: string;
  definition: string;
  aliases: string[];
  examples: string[];
  tags: string[];
  sourceText: string;
  sourceUrl: string;
  confusableIds: string[];
  prerequisiteIds: string[];
  cardKinds: CardKindChoice;
}
type CreateConcept = (input: ConceptRequest & { deckId: string }) => Promise<ActionResult<SavedConceptDTO>>;
type UpdateConcept = (input: ConceptRequest & { conceptId: string }) => Promise<ActionResult<SavedConceptDTO>>;

const KIND_LABEL: Record<CardKindChoice, string> = {
  BOTH: "Both directions (two cards)",
  TERM_TO_DEFINITION: "Term → definition only",
  DEFINITION_TO_TERM: "Definition → term only",
};

/**
 * A concept of the user's own deck, new or edited, with the deck format's fields. The quality
 * checks run as the user types (the same ones the server runs on save): errors block the save,
 * warnings do not.
 */
export function ConceptForm({
  form,
  createAction,
  updateAction,
}: {
  form: ConceptFormDTO;
  createAction: CreateConcept;
  updateAction: UpdateConcept;
}) {
  const router = useRouter();
  const initial = form.concept;
  const [values, setValues] = useState({
    term: initial?.term ?? "",
    definition: initial?.definition ?? "",
    aliases: initial?.aliases.join(", ") ?? "",
    examples: initial?.examples.join("\n") ?? "",
    tags: initial?.tags.join(", ") ?? "",
    sourceText: initial?.sourceText ?? "",
    sourceUrl: initial?.sourceUrl ?? "",
  });
  const [confusableIds, setConfusableIds] = useState(initial?.confusableIds ?? []);
  const [prerequisiteIds, setPrerequisiteIds] = useState(initial?.prerequisiteIds ?? []);
  const [cardKinds, setCardKinds] = useState<CardKindChoice>(initial?.cardKinds ?? "BOTH");
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues({ ...values, [field]: e.target.value });
    setServerErrors({ ...serverErrors, [field]: [] });
  };

  const aliases = splitCommaList(values.aliases);
  const context = useMemo(
    () => ({ deckNames: form.deckNames, known: new Set(form.options.map((o) => o.id)), requires: new Map(form.requires) }),
    [form],
  );
  const issues = checkConcept(
    { id: initial?.id ?? null, term: values.term, aliases, definition: values.definition, prerequisiteIds },
    context,
  );
  // An empty field is not an error until the user tries to save it.
  const live = (field: ConceptIssue["field"], level: ConceptIssue["level"]) =>
    issues.filter((i) => i.field === field && i.level === level && !(field === "definition" && values.definition.trim() === ""));
  const errorOf = (field: string) => {
    const fromChecks =
      field === "term" || field === "definition" || field === "aliases" || field === "prerequisites"
        ? live(field, "error").map((i) => i.message)
        : [];
    const all = [...new Set([...(serverErrors[field] ?? []), ...fromChecks])];
    return all.length > 0 ? all.join(" ") : undefined;
  };

  const submit = () =>
    startTransition(async () => {
      const request: ConceptRequest = {
        term: values.term,
        definition: values.definition,
        aliases,
        examples: splitLines(values.examples),
        tags: splitCommaList(values.tags),
        sourceText: values.sourceText,
        sourceUrl: values.sourceUrl,
        confusableIds,
        prerequisiteIds,
        cardKinds,
      };
      const result = initial
        ? await updateAction({ ...request, conceptId: initial.id })
        : await createAction({ ...request, deckId: form.deck.id });
      if (result.ok) {
        router.push(`/decks/mine/${form.deck.id}?saved=${encodeURIComponent(result.data.conceptId)}`);
      } else {
        setServerErrors(result.fieldErrors ?? {});
        setMessage(result.error);
      }
    });

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Field
        label="Term"
        name="term"
        value={values.term}
        onChange={set("term")}
        maxLength={TERM_MAX}
        error={errorOf("term")}
        hint={`What the card asks you to recall. At most ${TERM_MAX} characters; once per deck.`}
        autoComplete="off"
        required
      />
      <TextareaField
        label="Definition"
        name="definition"
        rows={5}
        value={values.definition}
        onChange={set("definition")}
        error={errorOf("definition")}
        warnings={live("definition", "warning").map((i) => i.message)}
        hint={`Markdown works (*emphasis*, **bold**, lists, [links](https://example.org)). Up to ${DEFINITION_WORDS_WARN} words reads best; at most ${DEFINITION_MAX} characters. It must not contain the term or an alias.`}
        required
      />
      <Field
        label="Aliases"
        name="aliases"
        value={values.aliases}
        onChange={set("aliases")}
        error={errorOf("aliases")}
        hint={`Other names, separated by commas: at most ${ALIASES_MAX}, ${ALIAS_MAX} characters each.`}
        autoComplete="off"
      />
      <TextareaField
        label="Examples"
        name="examples"
        rows={3}
        value={values.examples}
        onChange={set("examples")}
        error={errorOf("examples")}
        hint={`One a line: at most ${EXAMPLES_MAX}, ${EXAMPLE_MAX} characters each.`}
      />
      <Field
        label="Tags"
        name="tags"
        value={values.tags}
        onChange={set("tags")}
        error={errorOf("tags")}
        hint={`Separated by commas: at most ${TAGS_MAX}, ${TAG_MAX} characters each.`}
        autoComplete="off"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Source"
          name="sourceText"
          value={values.sourceText}
          onChange={set("sourceText")}
          maxLength={SOURCE_TEXT_MAX}
          error={errorOf("sourceText")}
          hint="Where it comes from (a paper, a section)."
        />
        <Field
          label="Source link"
          name="sourceUrl"
          type="url"
          inputMode="url"
          value={values.sourceUrl}
          onChange={set("sourceUrl")}
          error={errorOf("sourceUrl")}
          hint="An http:// or https:// address."
        />
      </div>
      <ConceptPicker
        label="Often confused with"
        name="confusables"
        hint={`Concepts you can see that are easily mixed up with this one (at most ${LINKS_MAX}). The quiz uses them as wrong answers.`}
        options={form.options}
        chosen={confusableIds}
        onChange={setConfusableIds}
        error={errorOf("confusables")}
        max={LINKS_MAX}
      />
      <ConceptPicker
        label="Prerequisites"
        name="prerequisites"
        hint={`Concepts to learn first (at most ${LINKS_MAX}): new cards of this deck come after them.`}
        options={form.options}
        chosen={prerequisiteIds}
        onChange={setPrerequisiteIds}
        error={errorOf("prerequisites")}
        max={LINKS_MAX}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-700 dark:text-stone-300">Cards</legend>
        {CARD_KIND_CHOICES.map((choice) => (
          <label key={choice} htmlFor={`kinds-${choice}`} className="flex items-center gap-3 text-sm">
            <input
              id={`kinds-${choice}`}
              type="radio"
              name="cardKinds"
              value={choice}
              checked={cardKinds === choice}
              onChange={() => setCardKinds(choice)}
              className="accent-accent-600"
            />
            {KIND_LABEL[choice]}
          </label>
        ))}
        <p className="text-sm text-stone-500 dark:text-stone-400">
          Dropping a direction later suspends its card and keeps its history; choosing it again brings it back.
        </p>
      </fieldset>
      {message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending} pendingText="Saving…" data-testid="save-concept">
          {initial ? "Save changes" : "Add concept"}
        </Button>
        <LinkButton href={`/decks/mine/${form.deck.id}`} variant="ghost">
          Cancel
        </LinkButton>
      </div>
    </form>
  );
}
