import "server-only";
import { checkConcept, nameKey, type CheckContext } from "@/lib/decks/concept-checks";
import { draftOf } from "@/lib/import/drafts";
import { parseTextImport } from "@/lib/import/text-file";
import type { ImportOutcome, ImportPlanDTO, ImportPreviewDTO, ImportStatus } from "@/lib/types/imports";
import { CONCEPTS_PER_DECK_MAX } from "@/lib/validation/authoring-limits";
import type { ConceptFields } from "@/lib/validation/authoring";
import {
  ImportConceptsSchema,
  ImportTextSchema,
  type ImportConceptInput,
  type ImportConceptsInput,
  type ImportTextInput,
} from "@/lib/validation/imports";
import { syncConceptSearch } from "./concept-search";
import { read, write, type ReadDb, type WriteTx } from "./db";
import { FieldErrors, UserError } from "./errors";
import { parseJsonList } from "./mappers";
import { insertConceptRow } from "./own-concepts";
import { insertOwnDeck, ownDeck, syncConceptCards } from "./own-decks";

/*
 * Storing an import into one of the user's own decks. A concept is matched with the deck's
 * concepts by term (compared as the quality checks compare names: without case, accents or
 * punctuation): a new term is added with its cards, a known term whose text differs has its text
 * updated (its cards and their scheduling are left as they are), the same text is left alone.
 * Everything is checked before anything is written, and written in one transaction.
 */

export interface StoredConcept {
  id: string;
  term: string;
  definition: string;
  aliases: string[];
  examples: string[];
  tags: string[];
  sourceLocator: string;
  sourceUrl: string;
}

export async function conceptsOfDeck(db: ReadDb | WriteTx, deckId: string): Promise<StoredConcept[]> {
  const rows = await db.concept.findMany({
    where: { deckId },
    select: {
      id: true,
      term: true,
      definition: true,
      aliases: true,
      examples: true,
      tags: true,
      sourceLocator: true,
      sourceUrl: true,
    },
  });
  return rows.map((row) => ({
    ...row,
    aliases: parseJsonList(row.aliases),
    examples: parseJsonList(row.examples),
    tags: parseJsonList(row.tags),
  }));
}

/** The concept columns an import writes: its text, the rest of a matched concept left as it is. */
export function importedTextColumns(concept: ImportConceptInput) {
  return {
    term: concept.term,
    definition: concept.definition,
    aliases: JSON.stringify(concept.aliases),
    examples: JSON.stringify(concept.examples),
    tags: JSON.stringify(concept.tags),
    sourceLocator: concept.sourceText,
    sourceUrl: concept.sourceUrl,
  };
}

function sameText(stored: StoredConcept, input: ImportConceptInput): boolean {
  return (
    stored.term === input.term &&
    stored.definition === input.definition &&
    stored.sourceLocator === input.sourceText &&
    stored.sourceUrl === input.sourceUrl &&
    JSON.stringify(stored.aliases) === JSON.stringify(input.aliases) &&
    JSON.stringify(stored.examples) === JSON.stringify(input.examples) &&
    JSON.stringify(stored.tags) === JSON.stringify(input.tags)
  );
}

export interface Plan {
  statuses: ImportStatus[];
  /** The stored concept each imported one matches, or null for a new one. */
  matches: (StoredConcept | null)[];
  errors: string[][];
  warnings: string[][];
}

/**
 * What an import would do to a deck holding `stored`: each concept's status, and the quality
 * checks' errors and warnings, run against the deck as it would be after the import (the other
 * imported concepts included, so two with one name are caught).
 */
export function planImport(stored: readonly StoredConcept[], concepts: readonly ImportConceptInput[]): Plan {
  const byTerm = new Map(stored.map((concept) => [nameKey(concept.term), concept]));
  const matches = concepts.map((concept) => byTerm.get(nameKey(concept.term)) ?? null);
  const importedIds = concepts.map((_, index) => matches[index]?.id ?? `import:${index}`);
  // Every name of the deck after the import, by key, so each concept is checked against the few that share one.
  const replaced = new Set(matches.filter((match) => match !== null).map((match) => match.id));
  const named = [
    ...stored.filter((concept) => !replaced.has(concept.id)),
    ...concepts.map((concept, index) => ({ id: importedIds[index], term: concept.term, aliases: concept.aliases })),
  ];
  const byKey = new Map<string, typeof named>();
  for (const concept of named) {
    for (const name of [concept.term, ...concept.aliases]) {
      const key = nameKey(name);
      byKey.set(key, [...(byKey.get(key) ?? []), concept]);
    }
  }
  const plan: Plan = { statuses: [], matches, errors: [], warnings: [] };
  for (const [index, concept] of concepts.entries()) {
    const id = importedIds[index];
    const others = new Map<string, (typeof named)[number]>();
    for (const name of [concept.term, ...concept.aliases]) {
      for (const other of byKey.get(nameKey(name)) ?? []) if (other.id !== id) others.set(other.id, other);
    }
    const context: CheckContext = { deckNames: [...others.values()], known: new Set(), requires: new Map() };
    const issues = checkConcept(
      { id, term: concept.term, aliases: concept.aliases, definition: concept.definition, prerequisiteIds: [] },
      context,
    );
    const match = matches[index];
    plan.statuses.push(match === null ? "added" : sameText(match, concept) ? "unchanged" : "updated");
    plan.errors.push(issues.filter((issue) => issue.level === "error").map((issue) => issue.message));
    plan.warnings.push(issues.filter((issue) => issue.level === "warning").map((issue) => issue.message));
  }
  return plan;
}

export function limitError(existing: number, added: number): string | null {
  if (existing + added <= CONCEPTS_PER_DECK_MAX) return null;
  return `The deck would hold ${existing + added} concepts; a deck may have at most ${CONCEPTS_PER_DECK_MAX}. Untick some, or import into a new deck.`;
}

/**
 * What importing these concepts would do: into one of the user's decks (`deckId`), or a new deck
 * (no deckId: everything is added). Nothing is written.
 */
export async function previewImportAgainstDeck(
  userId: string,
  deckId: string | null,
  concepts: readonly ImportConceptInput[],
): Promise<ImportPlanDTO> {
  return read(async (db) => {
    const stored = deckId === null ? [] : await conceptsOfDeck(db, (await ownDeck(db, userId, deckId)).id);
    const plan = planImport(stored, concepts);
    const added = plan.statuses.filter((status) => status === "added").length;
    return {
      statuses: plan.statuses,
      errors: plan.errors,
      warnings: plan.warnings,
      limitError: limitError(stored.length, added),
    };
  });
}

/**
 * Imports the concepts into one of the user's decks, or a new deck made (and studied) for them.
 * A concept that fails the quality checks refuses the whole import (its index and message, as
 * the field `concepts.<index>`), and nothing is written.
 */
export async function importConcepts(userId: string, input: ImportConceptsInput, now: Date): Promise<ImportOutcome> {
  const parsed = ImportConceptsSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.slice(0, 2).join(".") || "form";
      fields[key] = [...(fields[key] ?? []), issue.message];
    }
    throw new FieldErrors(fields);
  }
  const { deckId, newDeckTitle, concepts } = parsed.data;
  return write(async (tx) => {
    const stored = deckId ? await conceptsOfDeck(tx, (await ownDeck(tx, userId, deckId)).id) : [];
    const plan = planImport(stored, concepts);
    const fields: Record<string, string[]> = {};
    for (const [index, errors] of plan.errors.entries()) {
      if (errors.length > 0) fields[`concepts.${index}`] = errors.map((message) => `Concept ${index + 1}: ${message}`);
    }
    if (Object.keys(fields).length > 0) throw new FieldErrors(fields);
    const limit = limitError(stored.length, plan.statuses.filter((status) => status === "added").length);
    if (limit) throw new UserError(limit);
    const targetId = deckId ?? (await insertOwnDeck(tx, userId, { title: newDeckTitle!, description: "" }, now)).deckId;
    const touched: string[] = [];
    const outcome: ImportOutcome = { deckId: targetId, added: 0, updated: 0, unchanged: 0 };
    for (const [index, concept] of concepts.entries()) {
      const status = plan.statuses[index];
      outcome[status] += 1;
      if (status === "unchanged") continue;
      const match = plan.matches[index];
      if (match) {
        await tx.concept.update({ where: { id: match.id }, data: importedTextColumns(concept) });
        touched.push(match.id);
        continue;
      }
      const fieldsOf: ConceptFields = { ...concept, confusableIds: [], prerequisiteIds: [], cardKinds: "BOTH" };
      const row = await insertConceptRow(tx, targetId, fieldsOf, new Map(), now);
      await syncConceptCards(tx, userId, row, null, now);
      touched.push(row.id);
    }
    await syncConceptSearch(tx, touched);
    return outcome;
  });
}

/**
 * The preview of pasted or uploaded text (reading notes, a Mesa deck file or an Anki text
 * export): the concepts found, the lines left out and why, and what importing them into the
 * chosen deck (or a new one, no deckId) would do. Nothing is written.
 */
export async function previewImportText(userId: string, input: ImportTextInput): Promise<ImportPreviewDTO> {
  const parsed = ImportTextSchema.parse(input);
  const preview = parseTextImport(parsed.fileName || "notes.txt", new TextEncoder().encode(parsed.text));
  const concepts = preview.concepts.map(draftOf);
  const plan = await previewImportAgainstDeck(
    userId,
    parsed.deckId ?? null,
    concepts.map(({ line: _line, ...fields }) => fields),
  );
  return {
    format: preview.format ?? "notes",
    deckName: preview.deckName ?? null,
    concepts,
    skipped: preview.skipped,
    errors: preview.errors,
    warnings: preview.warnings,
    plan,
  };
}
