import "server-only";
import { Prisma, type Concept } from "@/lib/generated/prisma/client";
import type { ConfusionDTO } from "@/lib/types/quiz";
import { read, type ReadDb } from "../db";
import { parseJsonList } from "../mappers";
import { asDate, num, type SqlDate, type SqlNumber } from "../raw-rows";
import { conceptsById } from "./concepts";
import { greatest, least } from "../sql-dialect";

/*
 * Confusions are data: a quiz miss or a typed answer that named another concept records the pair.
 * Quizzes read them to pick distractors, the quiz setup and /quiz/confusions list them, and the
 * review cards name them on their backs.
 */

/** Concept id -> the concepts the user has confused it with (either way round), most often first. */
export async function confusedWithMap(
  db: ReadDb,
  userId: string,
  conceptIds?: readonly string[],
): Promise<Map<string, string[]>> {
  const groups = await db.quizAttempt.groupBy({
    by: ["conceptId", "chosenConceptId"],
    where: {
      userId,
      chosenConceptId: { not: null },
      ...(conceptIds ? { OR: [{ conceptId: { in: [...conceptIds] } }, { chosenConceptId: { in: [...conceptIds] } }] } : {}),
    },
    _count: { _all: true },
    _max: { answeredAt: true },
  });
  const counts = new Map<string, Map<string, { count: number; last: number }>>();
  const add = (from: string, to: string, count: number, last: number) => {
    let row = counts.get(from);
    if (!row) counts.set(from, (row = new Map<string, { count: number; last: number }>()));
    const entry = row.get(to) ?? { count: 0, last: 0 };
    row.set(to, { count: entry.count + count, last: Math.max(entry.last, last) });
  };
  for (const group of groups) {
    const last = group._max.answeredAt?.getTime() ?? 0;
    add(group.conceptId, group.chosenConceptId!, group._count._all, last);
    add(group.chosenConceptId!, group.conceptId, group._count._all, last);
  }
  return new Map(
    [...counts].map(([id, others]) => [
      id,
      [...others].sort((x, y) => y[1].count - x[1].count || y[1].last - x[1].last).map(([other]) => other),
    ]),
  );
}

interface PairRow {
  a: string;
  b: string;
  n: SqlNumber;
  last: SqlDate;
}

export async function confusionsOf(db: ReadDb, userId: string, limit: number): Promise<ConfusionDTO[]> {
  // Grouped in SQLite: the history is never loaded. A pair is unordered, so each attempt counts
  // for (smaller id, larger id); only concepts of decks the user still studies are listed.
  const rows = await db.$queryRaw<PairRow[]>`
    SELECT ${least(Prisma.sql`qa."conceptId"`, Prisma.sql`qa."chosenConceptId"`)} AS "a",
           ${greatest(Prisma.sql`qa."conceptId"`, Prisma.sql`qa."chosenConceptId"`)} AS "b",
           COUNT(*) AS "n", MAX(qa."answeredAt") AS "last"
    FROM "QuizAttempt" qa
    JOIN "Concept" ca ON ca."id" = qa."conceptId"
    JOIN "Concept" cb ON cb."id" = qa."chosenConceptId"
    WHERE qa."userId" = ${userId} AND qa."chosenConceptId" IS NOT NULL
      AND EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = ${userId} AND e."deckId" = ca."deckId")
      AND EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = ${userId} AND e."deckId" = cb."deckId")
    GROUP BY "a", "b"
    ORDER BY "n" DESC, "last" DESC
    LIMIT ${limit}`;
  const concepts = await conceptsById(
    db,
    userId,
    rows.flatMap((row) => [row.a, row.b]),
  );
  return rows.map((row) => ({
    a: concepts.get(row.a)!,
    b: concepts.get(row.b)!,
    count: num(row.n),
    lastAt: asDate(row.last),
  }));
}

/** The pairs of concepts the user mixes up most: quiz misses and typed answers that named the other. */
export async function listConfusions(userId: string, limit = 20): Promise<ConfusionDTO[]> {
  return read((db) => confusionsOf(db, userId, limit));
}

const MAX_HINTS = 3;

/**
 * For the back of review cards: concept id -> the terms to tell it apart from. The pairs the user
 * has confused in quizzes come first (most confused first); a concept the user never confused
 * gets the deck's declared confusables instead.
 */
export async function confusionHints(
  db: ReadDb,
  userId: string,
  concepts: readonly Pick<Concept, "id" | "deckId" | "confusables">[],
): Promise<Map<string, string[]>> {
  const hints = new Map<string, string[]>();
  if (concepts.length === 0) return hints;
  const ids = concepts.map((c) => c.id);
  const confused = await confusedWithMap(db, userId, ids);
  const declared = concepts.map((concept) => ({
    concept,
    refs: confused.has(concept.id) ? [] : parseJsonList(concept.confusables),
  }));
  // Only the referenced slugs are read (through the (deckId, slug) index), never a whole deck.
  const sameDeck = new Map<string, Set<string>>();
  const otherDeck = new Map<string, Set<string>>();
  for (const { concept, refs } of declared) {
    for (const ref of refs) {
      const slash = ref.indexOf("/");
      const [map, key, slug] =
        slash === -1 ? [sameDeck, concept.deckId, ref] : [otherDeck, ref.slice(0, slash), ref.slice(slash + 1)];
      let slugs = map.get(key);
      if (!slugs) map.set(key, (slugs = new Set()));
      slugs.add(slug);
    }
  }
  const [confusedTerms, sameDeckTerms, otherDeckTerms] = await Promise.all([
    db.concept.findMany({ where: { id: { in: [...new Set([...confused.values()].flat())] } }, select: { id: true, term: true } }),
    sameDeck.size > 0
      ? db.concept.findMany({
          where: { OR: [...sameDeck].map(([deckId, slugs]) => ({ deckId, slug: { in: [...slugs] } })) },
          select: { deckId: true, slug: true, term: true },
        })
      : Promise.resolve([]),
    otherDeck.size > 0
      ? db.concept.findMany({
          where: {
            OR: [...otherDeck].map(([deckSlug, slugs]) => ({
              slug: { in: [...slugs] },
              deck: { slug: deckSlug, OR: [{ ownerId: null }, { ownerId: userId }] },
            })),
          },
          select: { slug: true, term: true, deck: { select: { slug: true } } },
        })
      : Promise.resolve([]),
  ]);
  const termById = new Map(confusedTerms.map((c) => [c.id, c.term]));
  const termBySlug = new Map<string, string>([
    ...sameDeckTerms.map((c) => [`${c.deckId} ${c.slug}`, c.term] as const),
    ...otherDeckTerms.map((c) => [`/${c.deck.slug}/${c.slug}`, c.term] as const),
  ]);
  for (const { concept, refs } of declared) {
    const others = confused.get(concept.id);
    const terms = others
      ? others.map((id) => termById.get(id))
      : refs.map((ref) => termBySlug.get(ref.includes("/") ? `/${ref}` : `${concept.deckId} ${ref}`));
    const found = terms.filter((term): term is string => term !== undefined).slice(0, MAX_HINTS);
    if (found.length > 0) hints.set(concept.id, found);
  }
  return hints;
}
