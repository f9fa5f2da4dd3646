import { normalizeAnswer } from "./match";
import { lazyShuffle, type RandomSource } from "./random";
import type { QuizConcept } from "./types";

/**
 * The concepts a quiz may draw distractors and false statements from, indexed once per quiz so
 * that ranking the candidates for one question never scans the whole pool (the benchmark user has
 * 10,000 concepts). Normalised names and definitions are computed only for concepts actually drawn.
 */
export interface ConceptPool {
  readonly size: number;
  get(id: string): QuizConcept | undefined;
  /**
   * The other concepts a learner could mistake `concept` for, best first:
   * 1. the user's own confusions (`confusedWith`), in the order given, then the concepts whose
   *    own confusions name this one. The user's record comes before the deck's declarations
   *    because it is evidence about this learner; the declarations are the author's guess about
   *    learners in general.
   * 2. the declared confusables (same deck or "deck/slug"), then the concepts that declare this
   *    one (a deck often declares a pair on one side only), each group in random order;
   * 3. the rest of the same deck, in random order;
   * 4. the rest of the pool, in random order.
   * Each concept comes once, never `concept` itself, and never one that cannot be told apart from
   * it (a shared name or the same definition), since that option would also be right.
   */
  candidates(concept: QuizConcept, random: RandomSource): Generator<QuizConcept>;
  /** Term and aliases, normalised. */
  namesOf(concept: QuizConcept): ReadonlySet<string>;
  normalizedDefinition(concept: QuizConcept): string;
}

export function createPool(concepts: readonly QuizConcept[], confusedWith?: ReadonlyMap<string, readonly string[]>): ConceptPool {
  const byId = new Map<string, QuizConcept>();
  for (const concept of concepts) if (!byId.has(concept.id)) byId.set(concept.id, concept);
  const all = [...byId.values()];

  const byKey = new Map<string, QuizConcept>();
  const byDeck = new Map<string, QuizConcept[]>();
  for (const concept of all) {
    byKey.set(`${concept.deckSlug}/${concept.slug}`, concept);
    const deck = byDeck.get(concept.deckSlug);
    if (deck) deck.push(concept);
    else byDeck.set(concept.deckSlug, [concept]);
  }

  const append = (map: Map<string, QuizConcept[]>, key: string, value: QuizConcept) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  const declared = new Map<string, QuizConcept[]>();
  const declaredBy = new Map<string, QuizConcept[]>();
  for (const concept of all) {
    for (const ref of concept.confusables) {
      const target = byKey.get(ref.includes("/") ? ref : `${concept.deckSlug}/${ref}`);
      if (!target) continue;
      append(declared, concept.id, target);
      append(declaredBy, target.id, concept);
    }
  }

  const confused = new Map<string, QuizConcept[]>();
  const confusedBy = new Map<string, QuizConcept[]>();
  for (const [id, others] of confusedWith ?? []) {
    const concept = byId.get(id);
    for (const otherId of others) {
      const other = byId.get(otherId);
      if (!other) continue;
      append(confused, id, other);
      if (concept) append(confusedBy, otherId, concept);
    }
  }

  const othersByDeck = new Map<string, QuizConcept[]>();
  const otherDecks = (deckSlug: string) => {
    let list = othersByDeck.get(deckSlug);
    if (!list) {
      list = all.filter((concept) => concept.deckSlug !== deckSlug);
      othersByDeck.set(deckSlug, list);
    }
    return list;
  };

  const names = new Map<string, ReadonlySet<string>>();
  const namesOf = (concept: QuizConcept) => {
    let set = names.get(concept.id);
    if (!set) {
      set = new Set([concept.term, ...concept.aliases].map(normalizeAnswer).filter(Boolean));
      names.set(concept.id, set);
    }
    return set;
  };
  const definitions = new Map<string, string>();
  const normalizedDefinition = (concept: QuizConcept) => {
    let definition = definitions.get(concept.id);
    if (definition === undefined) {
      definition = normalizeAnswer(concept.definition);
      definitions.set(concept.id, definition);
    }
    return definition;
  };
  const indistinguishable = (a: QuizConcept, b: QuizConcept) => {
    const bNames = namesOf(b);
    for (const name of namesOf(a)) if (bNames.has(name)) return true;
    return normalizedDefinition(a) === normalizedDefinition(b);
  };

  function* candidates(concept: QuizConcept, random: RandomSource): Generator<QuizConcept> {
    const seen = new Set<string>([concept.id]);
    const tiers: Iterable<QuizConcept>[] = [
      confused.get(concept.id) ?? [],
      confusedBy.get(concept.id) ?? [],
      lazyShuffle(declared.get(concept.id) ?? [], random),
      lazyShuffle(declaredBy.get(concept.id) ?? [], random),
      lazyShuffle(byDeck.get(concept.deckSlug) ?? [], random),
      lazyShuffle(otherDecks(concept.deckSlug), random),
    ];
    for (const tier of tiers) {
      for (const other of tier) {
        if (seen.has(other.id)) continue;
        seen.add(other.id);
        if (!indistinguishable(concept, other)) yield other;
      }
    }
  }

  return { size: all.length, get: (id) => byId.get(id), candidates, namesOf, normalizedDefinition };
}
