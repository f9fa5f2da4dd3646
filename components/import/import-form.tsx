"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import type { ActionResult } from "@/lib/types/actions";
import type { ImportDraftDTO, ImportOutcome, ImportPlanDTO, ImportPreviewDTO } from "@/lib/types/imports";
import { DECK_TITLE_MAX, DEFINITION_MAX, TERM_MAX } from "@/lib/validation/authoring-limits";
import { IMPORT_FILE_EXTENSIONS, IMPORT_TEXT_MAX_BYTES } from "@/lib/validation/import-limits";
import type { ImportConceptInput } from "@/lib/validation/imports";
import { DeckTargetFields, NEW_DECK } from "./deck-target-fields";

type PreviewText = (input: { fileName: string; text: string; deckId?: string }) => Promise<ActionResult<ImportPreviewDTO>>;
type PreviewPlan = (input: { deckId?: string; concepts: ImportConceptInput[] }) => Promise<ActionResult<ImportPlanDTO>>;
type ImportAction = (input: {
  deckId?: string;
  newDeckTitle?: string;
  concepts: ImportConceptInput[];
}) => Promise<ActionResult<ImportOutcome>>;

interface Row {
  draft: ImportDraftDTO;
  kept: boolean;
}

const STATUS_LABEL = { added: "New", updated: "Will be updated", unchanged: "Already in the deck" } as const;
const FORMAT_LABEL = { notes: "reading notes", "mesa-deck": "a Mesa deck file", "anki-text": "an Anki text export" } as const;

function fieldsOf({ line: _line, ...fields }: ImportDraftDTO): ImportConceptInput {
  return fields;
}

/**
 * The import page's three steps: paste or upload text, look over and edit what was found (with
 * what it would do to the chosen deck), then import it all at once.
 */
export function ImportForm({
  decks,
  previewText,
  previewPlan,
  importConcepts,
}: {
  decks: { id: string; title: string }[];
  previewText: PreviewText;
  previewPlan: PreviewPlan;
  importConcepts: ImportAction;
}) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState("");
  const [sourceError, setSourceError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreviewDTO | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [plan, setPlan] = useState<ImportPlanDTO | null>(null);
  /** The row each entry of the plan describes (the plan covers the ticked rows when last checked). */
  const [planRows, setPlanRows] = useState<number[]>([]);
  const [target, setTarget] = useState<string>(NEW_DECK);
  const [newDeckTitle, setNewDeckTitle] = useState("");
  const [rowErrors, setRowErrors] = useState<Record<number, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | undefined>(undefined);
  const [pending, startTransition] = useTransition();

  const deckId = target === NEW_DECK ? undefined : target;
  const keptIndexes = rows.flatMap((row, index) => (row.kept ? [index] : []));

  const readFile = async (file: File | undefined) => {
    setSourceError(null);
    if (!file) return;
    if (!IMPORT_FILE_EXTENSIONS.some((ext) => file.name.toLowerCase().endsWith(ext))) {
      setSourceError(`Only ${IMPORT_FILE_EXTENSIONS.join(", ")} files can be imported.`);
      return;
    }
    if (file.size > IMPORT_TEXT_MAX_BYTES) {
      setSourceError("The file is larger than 5 MB.");
      return;
    }
    setFileName(file.name);
    setText(await file.text());
  };

  const runPreview = () =>
    startTransition(async () => {
      const result = await previewText({ fileName, text, deckId });
      if (!result.ok) {
        setSourceError(Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.error);
        return;
      }
      setSourceError(null);
      setPreview(result.data);
      setRows(result.data.concepts.map((draft) => ({ draft, kept: true })));
      setPlan(result.data.plan);
      setPlanRows(result.data.concepts.map((_, index) => index));
      setRowErrors({});
      setFormError(null);
      if (newDeckTitle === "" && result.data.deckName) setNewDeckTitle(result.data.deckName.slice(0, DECK_TITLE_MAX));
    });

  /** Checks every concept again (after edits, or against another deck): statuses and errors. */
  const recheck = (nextTarget: string, nextRows: Row[]) =>
    startTransition(async () => {
      const indexes = nextRows.flatMap((row, index) => (row.kept ? [index] : []));
      const result = await previewPlan({
        deckId: nextTarget === NEW_DECK ? undefined : nextTarget,
        concepts: indexes.map((index) => fieldsOf(nextRows[index].draft)),
      });
      if (result.ok) {
        setPlan(result.data);
        setPlanRows(indexes);
        setRowErrors({});
        setFormError(null);
      } else setFormError(result.error);
    });

  const runImport = () =>
    startTransition(async () => {
      const result = await importConcepts({
        deckId,
        newDeckTitle: deckId ? undefined : newDeckTitle,
        concepts: keptIndexes.map((index) => fieldsOf(rows[index].draft)),
      });
      if (result.ok) {
        router.push(`/decks/mine/${result.data.deckId}`);
        return;
      }
      const errors: Record<number, string[]> = {};
      for (const [key, messages] of Object.entries(result.fieldErrors ?? {})) {
        const match = /^concepts\.(\d+)$/.exec(key);
        if (match) errors[keptIndexes[Number(match[1])]] = messages;
      }
      setRowErrors(errors);
      setTitleError(result.fieldErrors?.deck?.[0] ?? result.fieldErrors?.newDeckTitle?.[0]);
      setFormError(result.error);
    });

  const edit = (index: number, change: Partial<ImportDraftDTO>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, draft: { ...row.draft, ...change } } : row)));

  if (!preview) {
    return (
      <form
        className="space-y-5"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          runPreview();
        }}
      >
        <TextareaField
          label="Paste your notes"
          name="import-text"
          rows={10}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setFileName("");
          }}
          hint="One concept per line, such as “Term: definition” or “**Term** — definition”; headings become tags."
        />
        <div className="space-y-1.5">
          <label htmlFor="import-file" className="block text-sm font-medium text-stone-700 dark:text-stone-300">
            Or upload a file
          </label>
          <input
            id="import-file"
            type="file"
            accept={IMPORT_FILE_EXTENSIONS.join(",")}
            aria-describedby="import-file-hint"
            className="block w-full text-sm text-stone-700 file:mr-3 file:rounded-lg file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium dark:text-stone-300 dark:file:bg-stone-800"
            onChange={(event) => void readFile(event.target.files?.[0])}
          />
          <p id="import-file-hint" className="text-sm text-stone-500 dark:text-stone-400">
            Reading notes (.txt, .md), a Mesa deck file (.md) or an Anki text export (.tsv, .csv, .txt); at most 5 MB.
            {fileName ? ` Loaded: ${fileName}.` : ""}
          </p>
        </div>
        {sourceError ? <Alert>{sourceError}</Alert> : null}
        <Button type="submit" pending={pending} pendingText="Reading…" data-testid="import-preview">
          Preview
        </Button>
      </form>
    );
  }

  const blocking = plan?.limitError ?? null;
  return (
    <div className="space-y-6">
      <p className="text-stone-600 dark:text-stone-400" data-testid="import-summary">
        Read as {FORMAT_LABEL[preview.format]}: {rows.length} {rows.length === 1 ? "concept" : "concepts"} found,{" "}
        {preview.skipped.length} {preview.skipped.length === 1 ? "line" : "lines"} left out. Nothing is saved until you import.
      </p>
      {preview.errors.map((error) => (
        <Alert key={error}>{error}</Alert>
      ))}
      {preview.warnings.map((warning) => (
        <Alert key={warning} tone="info">
          {warning}
        </Alert>
      ))}

      <Card as="section" aria-labelledby="import-target" className="space-y-4 px-5 py-5 sm:px-6">
        <h2 id="import-target" className="font-semibold">
          Import into
        </h2>
        <DeckTargetFields
          namePrefix="import"
          decks={decks}
          target={target}
          onTarget={(next) => {
            setTarget(next);
            recheck(next, rows);
          }}
          newDeckTitle={newDeckTitle}
          onNewDeckTitle={setNewDeckTitle}
          titleError={titleError}
          matchNote="Concepts are matched with the deck by term: a known term gets the new text (its cards keep their schedule), the same text is left alone."
        />
      </Card>

      <section aria-labelledby="import-concepts" className="space-y-3">
        <h2 id="import-concepts" className="font-semibold">
          Concepts
        </h2>
        {rows.length === 0 ? <p className="text-stone-600 dark:text-stone-400">No concepts were found.</p> : null}
        <ol className="space-y-3">
          {rows.map((row, index) => {
            const at = planRows.indexOf(index);
            const status = at >= 0 ? plan?.statuses[at] : undefined;
            const errors = [...(rowErrors[index] ?? []), ...(at >= 0 ? (plan?.errors[at] ?? []) : [])];
            return (
              <Card as="li" key={index} className="space-y-3 px-4 py-4 sm:px-5" data-testid="import-row">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <label className="flex items-center gap-2 text-sm font-medium">
                    <input
                      type="checkbox"
                      checked={row.kept}
                      onChange={(event) =>
                        setRows((current) => current.map((r, i) => (i === index ? { ...r, kept: event.target.checked } : r)))
                      }
                      className="size-4"
                    />
                    Import this concept
                  </label>
                  <span className="text-xs text-stone-500 dark:text-stone-400">
                    {row.draft.line !== null ? `Line ${row.draft.line}` : null}
                    {status ? ` · ${STATUS_LABEL[status]}` : null}
                  </span>
                </div>
                <Field
                  label="Term"
                  name={`import-term-${index}`}
                  value={row.draft.term}
                  maxLength={TERM_MAX}
                  onChange={(event) => edit(index, { term: event.target.value })}
                  autoComplete="off"
                />
                <TextareaField
                  label="Definition"
                  name={`import-definition-${index}`}
                  rows={3}
                  value={row.draft.definition}
                  maxLength={DEFINITION_MAX}
                  onChange={(event) => edit(index, { definition: event.target.value })}
                  warnings={at >= 0 ? plan?.warnings[at] : undefined}
                />
                {row.kept && errors.length > 0 ? (
                  <ul className="space-y-1 text-sm text-red-700 dark:text-red-300" role="alert">
                    {[...new Set(errors)].map((error) => (
                      <li key={error}>{error}</li>
                    ))}
                  </ul>
                ) : null}
              </Card>
            );
          })}
        </ol>
      </section>

      {preview.skipped.length > 0 ? (
        <details className="rounded-2xl border border-stone-200 px-4 py-3 dark:border-stone-800">
          <summary className="cursor-pointer text-sm font-medium">Lines left out ({preview.skipped.length})</summary>
          <ul className="mt-3 space-y-2 text-sm" data-testid="import-skipped">
            {preview.skipped.map((item, index) => (
              <li key={index} className="break-words">
                <span className="font-medium">{item.line !== undefined ? `Line ${item.line}` : "Note"}:</span> {item.reason}
                <span className="block text-stone-500 dark:text-stone-400">{item.text.slice(0, 200)}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {blocking ? <Alert>{blocking}</Alert> : null}
      {formError ? <Alert>{formError}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Button
          type="button"
          pending={pending}
          pendingText="Importing…"
          disabled={keptIndexes.length === 0 || preview.errors.length > 0}
          onClick={runImport}
          data-testid="import-submit"
        >
          Import {keptIndexes.length} {keptIndexes.length === 1 ? "concept" : "concepts"}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => recheck(target, rows)}>
          Check again
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setPreview(null);
            setPlan(null);
          }}
        >
          Back
        </Button>
      </div>
    </div>
  );
}
