import { normalizeAnswer } from "./match";
import { lazyShuffle, type RandomSource } from "./random";
import type { QuizConcept } from "./types";

/**
 * The concepts a quiz may draw distractors and false statements from, indexed once per quiz so
 * that ranking the candidates for one question never scans the whole pool (the benchmark user has
 * 10,000 concepts). Normalised names and definitions are computed only for concepts actually drawn.
 */
export interface ConceptPool {
  /** Adds a concept the pool may lack (a scope concept the caller left out of the pool). */
  include(concept: QuizConcept): void;
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

interface DeckIndex {
  concepts: QuizConcept[];
  /** Slug -> concept (the first one, should two decks share a slug); built on first use. */
  bySlug?: Map<string, QuizConcept>;
  /** Slug -> the concepts of this deck that declare it confusable; built on first use. */
  declaredBy?: Map<string, QuizConcept[]>;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Indexes the pool. Decks are keyed by slug, as confusable references are; two decks of the pool
 * with the same slug are treated as one. Only the grouping by deck is done up front; slug indexes
 * and reverse declarations are built per deck on first use, so a quiz from a 10,000-concept pool
 * pays for the decks it touches. A concept listed twice is harmless: candidates are deduplicated
 * by id.
 */
export function createPool(concepts: readonly QuizConcept[], confusedWith?: ReadonlyMap<string, readonly string[]>): ConceptPool {
  const decks = new Map<string, DeckIndex>();
  const deckOf = (deckSlug: string) => {
    let deck = decks.get(deckSlug);
    if (!deck) {
      deck = { concepts: [] };
      decks.set(deckSlug, deck);
    }
    return deck;
  };
  for (const concept of concepts) deckOf(concept.deckSlug).concepts.push(concept);
  const slugIndex = (deck: DeckIndex) => {
    if (!deck.bySlug) {
      deck.bySlug = new Map();
      for (const concept of deck.concepts) if (!deck.bySlug.has(concept.slug)) deck.bySlug.set(concept.slug, concept);
    }
    return deck.bySlug;
  };
  /** Concepts of the scope that the caller's pool lacked, added by `include`. */
  const extra: QuizConcept[] = [];

  const resolve = (from: QuizConcept, ref: string) => {
    const slash = ref.indexOf("/");
    const deck = decks.get(slash === -1 ? from.deckSlug : ref.slice(0, slash));
    return deck && slugIndex(deck).get(slash === -1 ? ref : ref.slice(slash + 1));
  };
  const declared = (concept: QuizConcept) =>
    concept.confusables.map((ref) => resolve(concept, ref)).filter((other): other is QuizConcept => other !== undefined);

  let crossDeckDeclarations: Map<string, QuizConcept[]> | undefined;
  const declaredBy = (concept: QuizConcept): QuizConcept[] => {
    const deck = deckOf(concept.deckSlug);
    if (!deck.declaredBy) {
      deck.declaredBy = new Map();
      for (const other of deck.concepts)
        for (const ref of other.confusables) if (!ref.includes("/")) append(deck.declaredBy, ref, other);
    }
    if (!crossDeckDeclarations) {
      crossDeckDeclarations = new Map();
      for (const list of [concepts, extra]) {
        for (const other of list)
          for (const ref of other.confusables) if (ref.includes("/")) append(crossDeckDeclarations, ref, other);
      }
    }
    return [
      ...(deck.declaredBy.get(concept.slug) ?? []),
      ...(crossDeckDeclarations.get(`${concept.deckSlug}/${concept.slug}`) ?? []),
    ];
  };

  // Only the few concepts named in the user's confusions are looked up, not the whole pool indexed by id.
  const confusionIds = new Set<string>();
  for (const [id, others] of confusedWith ?? []) {
    confusionIds.add(id);
    for (const other of others) confusionIds.add(other);
  }
  const byId = new Map<string, QuizConcept>();
  if (confusionIds.size > 0)
    for (const concept of concepts) if (confusionIds.has(concept.id) && !byId.has(concept.id)) byId.set(concept.id, concept);
  let confused: Map<string, QuizConcept[]> | undefined;
  let confusedBy: Map<string, QuizConcept[]> | undefined;
  const confusions = () => {
    if (!confused || !confusedBy) {
      confused = new Map();
      confusedBy = new Map();
      for (const [id, others] of confusedWith ?? []) {
        const concept = byId.get(id);
        for (const otherId of others) {
          const other = byId.get(otherId);
          if (!other) continue;
          append(confused, id, other);
          if (concept) append(confusedBy, otherId, concept);
        }
      }
    }
    return { confused, confusedBy };
  };

  const include = (concept: QuizConcept) => {
    const deck = deckOf(concept.deckSlug);
    const index = slugIndex(deck);
    const known = index.get(concept.slug);
    if (known?.id === concept.id || (known && deck.concepts.some((c) => c.id === concept.id))) return;
    deck.concepts.push(concept);
    if (!known) index.set(concept.slug, concept);
    extra.push(concept);
    deck.declaredBy = undefined;
    crossDeckDeclarations = undefined;
    if (confusionIds.has(concept.id) && !byId.has(concept.id)) {
      byId.set(concept.id, concept);
      confused = confusedBy = undefined;
    }
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
    const { confused, confusedBy } = confusions();
    // Generators, so each tier is indexed and shuffled only if the ones before it run out. By the
    // time the last tier is reached the whole deck has been seen, so the whole pool can stand for
    // "the other decks".
    const tiers: Iterable<QuizConcept>[] = [
      confused.get(concept.id) ?? [],
      confusedBy.get(concept.id) ?? [],
      (function* () {
        yield* lazyShuffle(declared(concept), random);
        yield* lazyShuffle(declaredBy(concept), random);
      })(),
      lazyShuffle(decks.get(concept.deckSlug)?.concepts ?? [], random),
      (function* () {
        yield* lazyShuffle(concepts, random);
        yield* lazyShuffle(extra, random);
      })(),
    ];
    for (const tier of tiers) {
      for (const other of tier) {
        if (seen.has(other.id)) continue;
        seen.add(other.id);
        if (!indistinguishable(concept, other)) yield other;
      }
    }
  }

  return { include, candidates, namesOf, normalizedDefinition };
}
