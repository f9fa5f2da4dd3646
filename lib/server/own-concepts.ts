import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { tsQueryOfPhrases, wordsOf } from "@/lib/search/query";
import { checkConcept, errorsByField, nameKey, type CheckContext } from "@/lib/decks/concept-checks";
import { slugify } from "@/lib/decks/parse-deck";
import type { ConceptFormDTO, ConceptOptionDTO, CreatedConceptDTO, SavedConceptDTO } from "@/lib/types/authoring";
import type { CardKind } from "@/lib/types/cards";
import { CONCEPTS_PER_DECK_MAX, LINKS_MAX } from "@/lib/validation/authoring-limits";
import type { ConceptFields, CreateConceptInput, UpdateConceptInput } from "@/lib/validation/authoring";
import { conceptSearchMatch, syncConceptSearch } from "./concept-search";
import { read, write, type ReadDb, type WriteTx } from "./db";
import { cardKindsOf } from "./decks";
import { FieldErrors, NotFoundError, UserError } from "./errors";
import { parseJsonList } from "./mappers";
import { num, type SqlNumber } from "./raw-rows";
import { CONCEPT_LIMIT_MESSAGE, cardKindChoiceOf, cardKindsOfChoice, ownDeck, rerankDeck, syncConceptCards } from "./own-decks";
import { crossJoin, jsonEach, position } from "./sql-dialect";

/*
 * The user's own concepts, written in the app with the deck format's fields. Confusables and
 * prerequisites are stored as the deck format stores them (a slug in the same deck, else
 * "deck-slug/concept-slug"), so the quiz, "Often confused with" and the new-card order read them
 * exactly as they read the built-in decks'. The form names them by id; they are resolved here,
 * among the concepts the user can see: their own, and those of the built-in decks they study.
 */

export interface ConceptRef {
  id: string;
  slug: string;
  deckId: string;
  deckSlug: string;
}

/** Where the user may pick confusables and prerequisites from (retired concepts left out). */
function visibleConceptsWhere(userId: string) {
  return {
    retiredAt: null,
    deck: {
      OR: [{ ownerId: userId }, { ownerId: null, enrolments: { some: { userId, stoppedAt: null } } }],
    },
  };
}

function refTo(target: ConceptRef, fromDeckId: string): string {
  return target.deckId === fromDeckId ? target.slug : `${target.deckSlug}/${target.slug}`;
}

/** The visible concepts among these ids (others are dropped: the checks call them dangling). */
async function visibleByIds(db: ReadDb | WriteTx, userId: string, ids: readonly string[]): Promise<Map<string, ConceptRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db.concept.findMany({
    where: { id: { in: [...new Set(ids)] }, ...visibleConceptsWhere(userId) },
    select: { id: true, slug: true, deckId: true, deck: { select: { slug: true } } },
  });
  return new Map(rows.map((row) => [row.id, { id: row.id, slug: row.slug, deckId: row.deckId, deckSlug: row.deck.slug }]));
}

/** The user's own concepts, for the cycle check and for resolving links between their decks. */
async function ownGraph(db: ReadDb | WriteTx, userId: string) {
  const rows = await db.concept.findMany({
    where: { deck: { ownerId: userId } },
    select: { id: true, slug: true, deckId: true, prerequisites: true, deck: { select: { slug: true } } },
  });
  const byRef = new Map<string, string>();
  for (const row of rows) byRef.set(`${row.deck.slug}/${row.slug}`, row.id);
  const requires = new Map<string, string[]>();
  for (const row of rows) {
    const ids = parseJsonList(row.prerequisites)
      .map((ref) => byRef.get(ref.includes("/") ? ref : `${row.deck.slug}/${ref}`))
      .filter((id): id is string => id !== undefined);
    if (ids.length > 0) requires.set(row.id, ids);
  }
  return requires;
}

/**
 * Resolves stored links (slugs in the deck, or "deck-slug/concept-slug") of a concept of `deckId`
 * to the visible concepts they name; a link to nothing visible is left out. Raw and in one
 * statement: an edit reads it on every save. An own deck and a built-in deck never share a slug
 * (freeDeckSlug), so a "deck/slug" names one concept.
 */
async function resolveRefs(
  db: ReadDb,
  userId: string,
  deckId: string,
  refs: readonly string[],
): Promise<Map<string, ConceptRef>> {
  const sameDeck = [...new Set(refs.filter((ref) => !ref.includes("/")))];
  const otherDecks = [...new Set(refs.filter((ref) => ref.includes("/")))];
  type Row = ConceptRef & { ref: string; ownerId: string | null; studied: SqlNumber };
  // CROSS JOIN keeps the wanted slugs as the outer loop, each found through (deckId, slug).
  const [same, other] = await Promise.all([
    sameDeck.length === 0
      ? Promise.resolve([] as Row[])
      : db.$queryRaw<Row[]>`
          SELECT k."slug" AS "ref", k."id", k."slug", k."deckId", d."slug" AS "deckSlug", d."ownerId", 1 AS "studied"
          FROM ${jsonEach(JSON.stringify(sameDeck))}
            ${crossJoin()} "Concept" k ON k."deckId" = ${deckId} AND k."slug" = j."value"
            JOIN "Deck" d ON d."id" = k."deckId"
          WHERE k."retiredAt" IS NULL AND d."ownerId" = ${userId}`,
    otherDecks.length === 0
      ? Promise.resolve([] as Row[])
      : db.$queryRaw<Row[]>`
          SELECT j."value" AS "ref", k."id", k."slug", k."deckId", d."slug" AS "deckSlug", d."ownerId",
            EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = ${userId} AND e."deckId" = d."id" AND e."stoppedAt" IS NULL) AS "studied"
          FROM ${jsonEach(JSON.stringify(otherDecks))}
            ${crossJoin()} "Deck" d ON d."slug" = substr(j."value", 1, ${position("/", Prisma.sql`j."value"`)} - 1)
              AND (d."ownerId" = ${userId} OR d."ownerId" IS NULL)
            ${crossJoin()} "Concept" k ON k."deckId" = d."id" AND k."slug" = substr(j."value", ${position("/", Prisma.sql`j."value"`)} + 1)
          WHERE k."retiredAt" IS NULL`,
  ]);
  const found = new Map<string, ConceptRef>();
  for (const { ref, ownerId, studied, ...concept } of [...same, ...other]) {
    if (ownerId === userId || num(studied) === 1) found.set(ref, concept);
  }
  return found;
}

async function idsOfRefs(db: ReadDb, userId: string, deckId: string, refs: string[]): Promise<string[]> {
  const found = await resolveRefs(db, userId, deckId, refs);
  return refs.flatMap((ref) => {
    const concept = found.get(ref);
    return concept ? [concept.id] : [];
  });
}

/** What the concept form shows: the deck, the concept being edited (or none), and the choices. */
export async function getConceptForm(
  userId: string,
  target: { deckId: string } | { conceptId: string },
): Promise<ConceptFormDTO> {
  return read(async (db) => {
    let deckId: string;
    let concept: ConceptFormDTO["concept"] = null;
    if ("conceptId" in target) {
      const row = await db.concept.findFirst({ where: { id: target.conceptId, deck: { ownerId: userId } } });
      if (!row) throw new NotFoundError("That concept");
      deckId = row.deckId;
      const deck = { id: row.deckId };
      concept = {
        id: row.id,
        term: row.term,
        definition: row.definition,
        aliases: parseJsonList(row.aliases),
        examples: parseJsonList(row.examples),
        tags: parseJsonList(row.tags),
        sourceText: row.sourceLocator,
        sourceUrl: row.sourceUrl,
        confusableIds: await idsOfRefs(db, userId, deck.id, parseJsonList(row.confusables)),
        prerequisiteIds: await idsOfRefs(db, userId, deck.id, parseJsonList(row.prerequisites)),
        cardKinds: cardKindChoiceOf(row.cardKinds),
      };
    } else {
      deckId = target.deckId;
    }
    const deck = await ownDeck(db, userId, deckId);
    const [visible, requires] = await Promise.all([
      db.concept.findMany({
        where: visibleConceptsWhere(userId),
        select: { id: true, term: true, aliases: true, deckId: true, deck: { select: { title: true } } },
        orderBy: [{ deck: { createdAt: "asc" } }, { position: "asc" }],
      }),
      ownGraph(db, userId),
    ]);
    const options: ConceptOptionDTO[] = visible
      .filter((row) => row.id !== concept?.id)
      .map((row) => ({ id: row.id, term: row.term, deckTitle: row.deck.title }));
    return {
      deck: { id: deck.id, title: deck.title },
      concept,
      options,
      deckNames: visible
        .filter((row) => row.deckId === deck.id)
        .map((row) => ({ id: row.id, term: row.term, aliases: parseJsonList(row.aliases) })),
      requires: [...requires],
    };
  });
}

/**
 * The concepts of a deck that may share a name with these (term or alias), found through the
 * full-text index rather than by reading the whole deck (a deck may hold thousands): each name's
 * words as a phrase in the term and aliases columns. The checks then compare names exactly.
 */
async function namesLike(tx: WriteTx, deckId: string, names: readonly string[]) {
  const keys = [...new Set(names.map(nameKey).filter((key) => key !== ""))];
  const phrases = keys.map((key) => `"${key}"`);
  if (phrases.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string; term: string; aliases: string }[]>`
    SELECT c."id", c."term", c."aliases"
    FROM "ConceptSearch" s JOIN "Concept" c ON c."id" = s."conceptId"
    WHERE ${conceptSearchMatch(
      "s",
      `{term aliases} : (${phrases.join(" OR ")})`,
      tsQueryOfPhrases(
        keys.map((key) => ({ words: wordsOf(key), prefix: false })),
        "AB",
      ),
    )}
      AND s."userId" = '' AND c."deckId" = ${deckId}`;
  return rows.map((row) => ({ id: row.id, term: row.term, aliases: parseJsonList(row.aliases) }));
}

/**
 * Runs the quality checks against the deck as stored; throws the errors, returns the warnings.
 * The cycle check reads the user's prerequisite graph only when a prerequisite is added: a new
 * concept cannot close a cycle (nothing requires it yet), and neither can an edit that keeps them.
 */
async function runChecks(
  tx: WriteTx,
  userId: string,
  deckId: string,
  current: { id: string; names: string[]; prerequisiteIds: string[]; links: Map<string, ConceptRef> } | null,
  input: ConceptFields,
): Promise<{ warnings: string[]; links: Map<string, ConceptRef> }> {
  // Names kept as they were cannot clash: a clash would have been refused when the other was saved.
  const names = [input.term, ...input.aliases];
  const namesChanged = current === null || JSON.stringify(names.map(nameKey)) !== JSON.stringify(current.names.map(nameKey));
  const addsPrerequisite = current !== null && input.prerequisiteIds.some((id) => !current.prerequisiteIds.includes(id));
  // The concept's present links are resolved already; only the ones the form adds are looked up.
  const known = current?.links ?? new Map<string, ConceptRef>();
  const [deckNames, added, requires] = await Promise.all([
    namesChanged ? namesLike(tx, deckId, names) : Promise.resolve([]),
    visibleByIds(
      tx,
      userId,
      [...input.confusableIds, ...input.prerequisiteIds].filter((id) => !known.has(id)),
    ),
    addsPrerequisite ? ownGraph(tx, userId) : Promise.resolve(new Map<string, string[]>()),
  ]);
  const links = new Map([...known, ...added]);
  const context: CheckContext = { deckNames, known: new Set(links.keys()), requires };
  const issues = checkConcept(
    {
      id: current?.id ?? null,
      term: input.term,
      aliases: input.aliases,
      definition: input.definition,
      prerequisiteIds: input.prerequisiteIds,
    },
    context,
  );
  const errors = errorsByField(issues);
  const danglingConfusable = input.confusableIds.some((id) => !links.has(id) || id === current?.id);
  if (danglingConfusable)
    errors.confusables = ["A confusable is not one of the concepts you can see (it may have been deleted)."];
  if (Object.keys(errors).length > 0) throw new FieldErrors(errors);
  return { warnings: issues.filter((issue) => issue.level === "warning").map((issue) => issue.message), links };
}

/** The columns the form's fields are stored in (links resolved to refs from `deckId`). */
function conceptColumns(input: ConceptFields, deckId: string, links: Map<string, ConceptRef>) {
  const refs = (ids: string[]) => JSON.stringify([...new Set(ids)].map((id) => refTo(links.get(id)!, deckId)));
  return {
    term: input.term,
    definition: input.definition,
    aliases: JSON.stringify(input.aliases),
    examples: JSON.stringify(input.examples),
    tags: JSON.stringify(input.tags),
    sourceLocator: input.sourceText,
    sourceUrl: input.sourceUrl,
    confusables: refs(input.confusableIds),
    prerequisites: refs(input.prerequisiteIds),
    cardKinds: JSON.stringify(cardKindsOfChoice(input.cardKinds)),
  };
}

/**
 * Declares confusables on both sides where the partner is the user's own concept (a built-in
 * partner cannot be edited: the link stays one-sided, which the quiz and the review card read
 * from either side). Partners no longer named lose the link back.
 */
async function mirrorConfusables(
  tx: WriteTx,
  userId: string,
  self: ConceptRef,
  added: readonly string[],
  removed: readonly string[],
): Promise<void> {
  const ids = [...added, ...removed];
  if (ids.length === 0) return;
  const partners = await tx.concept.findMany({
    where: { id: { in: ids }, deck: { ownerId: userId } },
    select: { id: true, deckId: true, confusables: true },
  });
  for (const partner of partners) {
    const back = refTo(self, partner.deckId);
    const list = parseJsonList(partner.confusables);
    const next = added.includes(partner.id)
      ? list.includes(back) || list.length >= LINKS_MAX
        ? list
        : [...list, back]
      : list.filter((ref) => ref !== back);
    if (next.length !== list.length) {
      await tx.concept.update({ where: { id: partner.id }, data: { confusables: JSON.stringify(next) } });
    }
  }
}

async function freeConceptSlug(tx: WriteTx, deckId: string, term: string): Promise<string> {
  const base = slugify(term).slice(0, 80).replace(/-+$/, "") || "concept";
  const taken = new Set(
    (await tx.concept.findMany({ where: { deckId, slug: { startsWith: base } }, select: { slug: true } })).map((c) => c.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

async function firstCardOf(tx: WriteTx, userId: string, conceptId: string): Promise<string | null> {
  const card = await tx.card.findFirst({ where: { userId, conceptId }, orderBy: { kind: "desc" }, select: { id: true } });
  return card?.id ?? null;
}

/**
 * The row of a new concept at the end of its deck (checks already passed, links resolved). Its
 * cards are made by syncConceptCards once the deck's ranks are settled.
 */
export async function insertConceptRow(
  tx: WriteTx,
  deckId: string,
  input: ConceptFields,
  links: Map<string, ConceptRef>,
  now: Date,
) {
  const last = await tx.concept.aggregate({ where: { deckId }, _max: { position: true, rank: true } });
  return tx.concept.create({
    data: {
      ...conceptColumns(input, deckId, links),
      deckId,
      slug: await freeConceptSlug(tx, deckId, input.term),
      position: (last._max.position ?? -1) + 1,
      rank: (last._max.rank ?? -1) + 1,
      createdAt: now,
    },
    select: { id: true, slug: true, deckId: true, rank: true, cardKinds: true },
  });
}

/** Writes a new concept in one of the user's decks and makes its cards at once (new cards, due now). */
export async function createOwnConcept(userId: string, input: CreateConceptInput, now: Date): Promise<CreatedConceptDTO> {
  return write(async (tx) => {
    const deck = await ownDeck(tx, userId, input.deckId);
    const count = await tx.concept.count({ where: { deckId: deck.id } });
    if (count >= CONCEPTS_PER_DECK_MAX) throw new UserError(CONCEPT_LIMIT_MESSAGE);
    const { warnings, links } = await runChecks(tx, userId, deck.id, null, input);
    const concept = await insertConceptRow(tx, deck.id, input, links, now);
    await mirrorConfusables(tx, userId, { ...concept, deckSlug: deck.slug }, input.confusableIds, []);
    if (input.prerequisiteIds.length > 0) await rerankDeck(tx, deck.id);
    const ranked = await tx.concept.findUniqueOrThrow({ where: { id: concept.id }, select: { rank: true } });
    await syncConceptCards(tx, userId, { ...concept, rank: ranked.rank }, null, now);
    await syncConceptSearch(tx, [concept.id]);
    return { conceptId: concept.id, cardId: await firstCardOf(tx, userId, concept.id), warnings };
  });
}

/**
 * Edits one of the user's concepts. Text changes never touch scheduling: the cards and their
 * history stay as they are, a new term included. New prerequisites re-rank the deck's new cards;
 * new card kinds add or suspend cards (syncConceptCards).
 */
export async function updateOwnConcept(userId: string, input: UpdateConceptInput, now: Date): Promise<SavedConceptDTO> {
  return write(async (tx) => {
    // Raw reads: an edit is a frequent, small write (the benchmark's "edit of a concept").
    const [current] = await tx.$queryRaw<
      {
        id: string;
        slug: string;
        deckId: string;
        prerequisites: string;
        confusables: string;
        cardKinds: string;
        term: string;
        aliases: string;
        deckSlug: string;
      }[]
    >`
      SELECT k."id", k."slug", k."deckId", k."prerequisites", k."confusables", k."cardKinds", k."term", k."aliases",
        d."slug" AS "deckSlug"
      FROM "Concept" k JOIN "Deck" d ON d."id" = k."deckId"
      WHERE k."id" = ${input.conceptId} AND d."ownerId" = ${userId}`;
    if (!current) throw new NotFoundError("That concept");
    const confusableRefs = parseJsonList(current.confusables);
    const prerequisiteRefs = parseJsonList(current.prerequisites);
    const resolved = await resolveRefs(tx, userId, current.deckId, [...confusableRefs, ...prerequisiteRefs]);
    const idsOf = (refs: string[]) => refs.flatMap((ref) => (resolved.has(ref) ? [resolved.get(ref)!.id] : []));
    const before = idsOf(confusableRefs);
    const links = new Map([...resolved.values()].map((concept) => [concept.id, concept]));
    const { warnings, links: chosen } = await runChecks(
      tx,
      userId,
      current.deckId,
      {
        id: current.id,
        names: [current.term, ...parseJsonList(current.aliases)],
        prerequisiteIds: idsOf(prerequisiteRefs),
        links,
      },
      input,
    );
    const columns = conceptColumns(input, current.deckId, chosen);
    // Raw, as Prisma's update costs several times more CPU here. "updatedAt" is set as @updatedAt
    // would (the real time, not the request's clock): the quiz pool's cache key reads it.
    await tx.$executeRaw`
      UPDATE "Concept" SET "term" = ${columns.term}, "definition" = ${columns.definition}, "aliases" = ${columns.aliases},
        "examples" = ${columns.examples}, "tags" = ${columns.tags}, "sourceLocator" = ${columns.sourceLocator},
        "sourceUrl" = ${columns.sourceUrl}, "confusables" = ${columns.confusables}, "prerequisites" = ${columns.prerequisites},
        "cardKinds" = ${columns.cardKinds}, "updatedAt" = ${new Date()}
      WHERE "id" = ${current.id}`;

    const self = { id: current.id, slug: current.slug, deckId: current.deckId, deckSlug: current.deckSlug };
    await mirrorConfusables(
      tx,
      userId,
      self,
      input.confusableIds.filter((id) => !before.includes(id)),
      before.filter((id) => !input.confusableIds.includes(id)),
    );
    if (columns.prerequisites !== current.prerequisites) await rerankDeck(tx, current.deckId);
    if (columns.cardKinds !== current.cardKinds) {
      const ranked = await tx.concept.findUniqueOrThrow({ where: { id: current.id }, select: { rank: true } });
      const previous: CardKind[] = cardKindsOf(current.cardKinds);
      await syncConceptCards(tx, userId, { ...self, rank: ranked.rank, cardKinds: columns.cardKinds }, previous, now);
    }
    await syncConceptSearch(tx, [current.id]);
    return { conceptId: current.id, warnings };
  });
}
