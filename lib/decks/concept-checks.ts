import { DEFINITION_MAX, DEFINITION_WORDS_WARN } from "@/lib/validation/authoring-limits";
import { findGiveAways } from "./give-away";

/*
 * The quality checks the built-in decks pass (__tests__/prisma/decks.test.ts), for one concept
 * written in the app: run live by the concept form and again by the server on save. Errors block
 * the save; warnings are shown and do not.
 */

export type CheckedField = "term" | "definition" | "aliases" | "prerequisites";

export interface ConceptIssue {
  field: CheckedField;
  level: "error" | "warning";
  message: string;
}

/** The concept as written: its names, definition and the concepts it requires (by id). */
export interface ConceptDraft {
  /** Null for a concept not saved yet. */
  id: string | null;
  term: string;
  aliases: string[];
  definition: string;
  prerequisiteIds: string[];
}

/** What the checks need to know of the other concepts. */
export interface CheckContext {
  /** The other concepts of the same deck: their names must not be reused. */
  deckNames: { id: string; term: string; aliases: string[] }[];
  /** Concepts that may be required (the ones the user can see): anything else is dangling. */
  known: ReadonlySet<string>;
  /** Concept id -> the ids it requires, for the concepts the cycle check follows. */
  requires: ReadonlyMap<string, readonly string[]>;
}

/** A name compared without case, accents, punctuation or a leading article (as the deck tests do). */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^(the|a|an) /, "");
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Whether following prerequisites from `start` comes back to `target`. */
function reaches(start: string, target: string, requires: ReadonlyMap<string, readonly string[]>): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(requires.get(id) ?? []));
  }
  return false;
}

export function checkConcept(draft: ConceptDraft, context: CheckContext): ConceptIssue[] {
  const issues: ConceptIssue[] = [];
  const definition = draft.definition.trim();
  if (definition === "") issues.push({ field: "definition", level: "error", message: "Write a definition." });
  else if (definition.length > DEFINITION_MAX) {
    issues.push({
      field: "definition",
      level: "error",
      message: `The definition is ${definition.length} characters; at most ${DEFINITION_MAX}.`,
    });
  } else {
    const words = wordCount(definition);
    if (words > DEFINITION_WORDS_WARN) {
      issues.push({
        field: "definition",
        level: "warning",
        message: `${words} words: definitions over ${DEFINITION_WORDS_WARN} words are hard to recall. Consider one idea per card.`,
      });
    }
  }

  const term = draft.term.trim();
  if (definition !== "" && term !== "") {
    for (const giveAway of findGiveAways({ term, aliases: draft.aliases, definition })) {
      issues.push({
        field: "definition",
        level: "error",
        message: `The definition gives “${giveAway.name}” away (${giveAway.words.map((w) => `“${w}”`).join(", ")}): reword it so the answer must be recalled.`,
      });
    }
  }

  const taken = new Map<string, string>();
  for (const other of context.deckNames) {
    if (other.id === draft.id) continue;
    for (const name of [other.term, ...other.aliases]) if (nameKey(name) !== "") taken.set(nameKey(name), other.term);
  }
  const termOwner = nameKey(term) === "" ? undefined : taken.get(nameKey(term));
  if (termOwner !== undefined) {
    issues.push({ field: "term", level: "error", message: `“${term}” is already used in this deck (by “${termOwner}”).` });
  }
  const ownKeys = new Set([nameKey(term)]);
  for (const alias of draft.aliases) {
    const key = nameKey(alias);
    if (key === "") continue;
    const owner = taken.get(key);
    if (owner !== undefined) {
      issues.push({ field: "aliases", level: "error", message: `“${alias}” is already used in this deck (by “${owner}”).` });
    } else if (ownKeys.has(key)) {
      issues.push({ field: "aliases", level: "error", message: `“${alias}” is listed twice (or is the term itself).` });
    }
    ownKeys.add(key);
  }

  for (const id of draft.prerequisiteIds) {
    if (id === draft.id) {
      issues.push({ field: "prerequisites", level: "error", message: "A concept cannot require itself." });
    } else if (!context.known.has(id)) {
      issues.push({
        field: "prerequisites",
        level: "error",
        message: "A prerequisite is not one of the concepts you can see (it may have been deleted).",
      });
    } else if (draft.id !== null && reaches(id, draft.id, context.requires)) {
      issues.push({
        field: "prerequisites",
        level: "error",
        message: "These prerequisites make a cycle: one of them already requires this concept.",
      });
    }
  }
  return issues;
}

/** The errors among the issues, as field -> messages (what an action returns beside the fields). */
export function errorsByField(issues: readonly ConceptIssue[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) if (issue.level === "error") (fields[issue.field] ??= []).push(issue.message);
  return fields;
}
