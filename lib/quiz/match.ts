import { distance } from "fastest-levenshtein";
import type { QuizConcept } from "./types";

/** Typed answers longer than this are refused before any matching (no term in a deck comes close). */
export const MAX_TYPED_ANSWER_LENGTH = 300;

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The form in which names are compared: accents folded, lower case, and everything but letters and
 * digits dropped, so case, punctuation, hyphens and spaces never decide an answer
 * ("Mesa-optimizer" = "mesa optimizer" = "MESA OPTIMIZER.").
 */
export function normalizeAnswer(text: string): string {
  // The same result for plain ASCII, at half the cost: indexing a large pool's names normalises tens of thousands.
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]/g, "");
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const MAX_TYPO_BUDGET = 2;

/**
 * How many edits a typed answer may be away from a name of `length` normalised characters and
 * still count. Short names get none: one edit turns "goal" into "coal" and "GD" into anything. Up
 * to 8 characters one slip ("purpse") is forgiven; longer names two ("behavioural objectiv"),
 * which also covers British spellings ("optimiser"). More would start accepting a different
 * word: "mesaoptimizer" and "metaoptimizer" are only 1 apart, which is why a typo is only
 * accepted when no other concept's name is as close (see `matchTypedAnswer`).
 */
export function typoBudget(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  return MAX_TYPO_BUDGET;
}

/** True when `a` becomes `b` by swapping one pair of adjacent characters. */
function isOneTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (first !== -1) return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
    first = i;
  }
  return false;
}

/**
 * Edit distance between two normalised strings, with a swap of adjacent characters ("optimzier",
 * the commonest slip) counting as one edit rather than Levenshtein's two.
 */
export function typoDistance(a: string, b: string): number {
  return isOneTransposition(a, b) ? 1 : distance(a, b);
}

export type NamedConcept = Pick<QuizConcept, "id" | "term" | "aliases">;

/** Every concept's accepted names (term and aliases), normalised, for recognising a typed answer. */
export interface ConceptNameIndex {
  /** Normalised name -> the concepts that have it, in the order they were indexed. */
  byName: Map<string, NamedConcept[]>;
}

export function indexConceptNames(concepts: Iterable<NamedConcept>): ConceptNameIndex {
  const byName = new Map<string, NamedConcept[]>();
  const add = (name: string, concept: NamedConcept) => {
    const key = normalizeAnswer(name);
    if (!key) return;
    const list = byName.get(key);
    if (!list) byName.set(key, [concept]);
    else if (!list.includes(concept)) list.push(concept);
  };
  for (const concept of concepts) {
    add(concept.term, concept);
    for (const alias of concept.aliases) add(alias, concept);
  }
  return { byName };
}

export type TypedMatch =
  | { kind: "exact" }
  | { kind: "typo" }
  /** The answer is another concept's name, or closer to one than to any of the right names. */
  | { kind: "other"; concept: NamedConcept }
  | { kind: "none" };

/**
 * Matches a typed answer against the names of the asked concept (`accepted`), then against the
 * other concepts in `others`:
 * 1. equal to an accepted name (normalised): right, even if another concept shares that name;
 * 2. equal to another concept's name: wrong, and that concept was chosen (a confusion), even when
 *    the answer is also within the typo budget of a right name ("meta-optimizer" for
 *    "mesa-optimizer");
 * 3. within the typo budget of an accepted name, with no other concept's name as close (counting
 *    only names the answer is within the budget of): right, with a typo;
 * 4. otherwise wrong; when some other concept's name is closer than every accepted name and within
 *    its own typo budget, that concept is reported as chosen ("meta optimiser" for "mesa-optimizer").
 * `typed` must already be normalised and non-empty.
 */
export function matchTypedAnswer(
  typed: string,
  askedId: string,
  accepted: readonly string[],
  others?: ConceptNameIndex,
): TypedMatch {
  const names = accepted.map(normalizeAnswer).filter(Boolean);
  if (names.includes(typed)) return { kind: "exact" };
  const exactOther = others?.byName.get(typed)?.find((concept) => concept.id !== askedId);
  if (exactOther) return { kind: "other", concept: exactOther };

  // A name more than MAX_TYPO_BUDGET longer or shorter is further than any budget allows, so its
  // exact distance never matters.
  let best = Infinity;
  let withinBudget = false;
  for (const name of names) {
    if (Math.abs(name.length - typed.length) > MAX_TYPO_BUDGET) continue;
    const d = typoDistance(typed, name);
    best = Math.min(best, d);
    if (d <= typoBudget(name.length)) withinBudget = true;
  }

  let rival: { concept: NamedConcept; distance: number } | undefined;
  if (others) {
    for (const [name, concepts] of others.byName) {
      const concept = concepts.find((candidate) => candidate.id !== askedId);
      if (!concept || names.includes(name)) continue;
      const limit = Math.min(best, typoBudget(name.length));
      if (Math.abs(name.length - typed.length) > limit) continue;
      const d = typoDistance(typed, name);
      if (d <= limit && (!rival || d < rival.distance)) rival = { concept, distance: d };
    }
  }

  if (withinBudget && (!rival || rival.distance > best)) return { kind: "typo" };
  if (rival && rival.distance < best) return { kind: "other", concept: rival.concept };
  return { kind: "none" };
}
