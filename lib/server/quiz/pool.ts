import "server-only";
import { plainTextOf } from "@/lib/markdown/render";
import { indexConceptNames, type ConceptNameIndex, type QuizConcept } from "@/lib/quiz";
import { WEAK_SPOT_DAYS } from "@/lib/quiz/setup";
import { CardState } from "@/lib/srs/card";
import type { Concept } from "@/lib/generated/prisma/client";
import type { ReadDb } from "../db";
import { parseJsonList } from "../mappers";

const DAY_MS = 24 * 60 * 60 * 1000;

/*
 * The concepts of the user's decks, the pool every quiz draws from. A large collection has
 * thousands of concepts, and reading and parsing them costs more than building the quiz, so each
 * deck's concepts are kept in memory and reused while the deck's concepts are unchanged (same
 * count, same latest update): decks change rarely, quizzes are taken often.
 */

interface DeckConcepts {
  key: string;
  concepts: QuizConcept[];
}

const MAX_CACHED_DECKS = 64;
const deckCache = new Map<string, DeckConcepts>();
const nameIndexCache = new Map<string, ConceptNameIndex>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > MAX_CACHED_DECKS) cache.delete(cache.keys().next().value!);
  return value;
}

function quizConceptOf(
  concept: Pick<Concept, "id" | "slug" | "term" | "definition" | "aliases" | "examples" | "confusables" | "tags">,
  deckSlug: string,
): QuizConcept {
  return {
    id: concept.id,
    slug: concept.slug,
    deckSlug,
    term: concept.term,
    // Quiz questions show text as text (a definition can be an answer button): no markdown marks.
    definition: plainTextOf(concept.definition),
    aliases: parseJsonList(concept.aliases),
    examples: parseJsonList(concept.examples).map(plainTextOf),
    confusables: parseJsonList(concept.confusables),
    tags: parseJsonList(concept.tags),
  };
}

export interface Pool {
  decks: { id: string; slug: string; title: string }[];
  concepts: QuizConcept[];
  /** The cache keys of the decks, joined: identifies this exact pool. */
  key: string;
}

export async function loadPool(db: ReadDb, userId: string): Promise<Pool> {
  const enrolments = await db.enrolment.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { deck: { select: { id: true, slug: true, title: true } } },
  });
  const decks = enrolments.map((e) => e.deck);
  const versions = await db.concept.groupBy({
    by: ["deckId"],
    where: { deckId: { in: decks.map((d) => d.id) } },
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  const keyOf = new Map(versions.map((v) => [v.deckId, `${v.deckId}:${v._count._all}:${v._max.updatedAt?.getTime() ?? 0}`]));
  let concepts: QuizConcept[] = [];
  for (const deck of decks) {
    const key = keyOf.get(deck.id) ?? `${deck.id}:0`;
    let cached = deckCache.get(deck.id);
    if (cached?.key !== key) {
      const rows = await db.concept.findMany({
        where: { deckId: deck.id },
        orderBy: { position: "asc" },
        select: {
          id: true,
          slug: true,
          term: true,
          definition: true,
          aliases: true,
          examples: true,
          confusables: true,
          tags: true,
        },
      });
      cached = remember(deckCache, deck.id, { key, concepts: rows.map((row) => quizConceptOf(row, deck.slug)) });
    }
    concepts.push(...cached.concepts);
  }
  // The user's own wording of built-in concepts replaces the shared text in their pool (the deck
  // cache holds the originals, shared by every user).
  const overrides = await db.conceptOverride.findMany({
    where: { userId, OR: [{ definition: { not: null } }, { examples: { not: null } }, { aliases: { not: null } }] },
    select: { conceptId: true, definition: true, examples: true, aliases: true, updatedAt: true },
  });
  let key = decks.map((d) => keyOf.get(d.id) ?? d.id).join("|");
  if (overrides.length > 0) {
    const byConcept = new Map(overrides.map((o) => [o.conceptId, o]));
    concepts = concepts.map((concept) => {
      const override = byConcept.get(concept.id);
      if (!override) return concept;
      return {
        ...concept,
        definition: override.definition === null ? concept.definition : plainTextOf(override.definition),
        examples: override.examples === null ? concept.examples : parseJsonList(override.examples).map(plainTextOf),
        aliases: override.aliases === null ? concept.aliases : parseJsonList(override.aliases),
      };
    });
    key += `|${userId}:${overrides.length}:${Math.max(...overrides.map((o) => o.updatedAt.getTime()))}`;
  }
  return { decks, concepts, key };
}

export function nameIndexOf(pool: Pool): ConceptNameIndex {
  return nameIndexCache.get(pool.key) ?? remember(nameIndexCache, pool.key, indexConceptNames(pool.concepts));
}

/** Concept ids with a review lapse (Again on a card in Review) or a quiz miss in the last WEAK_SPOT_DAYS. */
export async function weakSpotIds(db: ReadDb, userId: string, now: Date): Promise<Set<string>> {
  const since = new Date(now.getTime() - WEAK_SPOT_DAYS * DAY_MS);
  const [lapses, misses] = await Promise.all([
    db.reviewLog.findMany({
      where: { userId, undoneAt: null, grade: 1, state: CardState.Review, reviewedAt: { gte: since } },
      select: { card: { select: { conceptId: true } } },
      distinct: ["cardId"],
    }),
    db.quizAttempt.findMany({
      where: { userId, correct: false, answeredAt: { gte: since } },
      select: { conceptId: true },
      distinct: ["conceptId"],
    }),
  ]);
  return new Set([...lapses.map((l) => l.card.conceptId), ...misses.map((m) => m.conceptId)]);
}

export function tagKey(tag: string): string {
  return tag.trim().toLowerCase();
}
