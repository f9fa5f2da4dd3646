import "server-only";
import { checkConcept, errorsByField, type CheckContext } from "@/lib/decks/concept-checks";
import { slugify } from "@/lib/decks/parse-deck";
import type { ConceptFormDTO, ConceptOptionDTO, SavedConceptDTO } from "@/lib/types/authoring";
import type { CardKind } from "@/lib/types/cards";
import { CONCEPTS_PER_DECK_MAX, LINKS_MAX } from "@/lib/validation/authoring-limits";
import type { ConceptFields, CreateConceptInput, UpdateConceptInput } from "@/lib/validation/authoring";
import { syncConceptSearch } from "./concept-search";
import { read, write, type ReadDb, type WriteTx } from "./db";
import { cardKindsOf } from "./decks";
import { FieldErrors, NotFoundError, UserError } from "./errors";
import { parseJsonList } from "./mappers";
import { CONCEPT_LIMIT_MESSAGE, cardKindChoiceOf, cardKindsOfChoice, ownDeck, rerankDeck, syncConceptCards } from "./own-decks";

/*
 * The user's own concepts, written in the app with the deck format's fields. Confusables and
 * prerequisites are stored as the deck format stores them (a slug in the same deck, else
 * "deck-slug/concept-slug"), so the quiz, "Often confused with" and the new-card order read them
 * exactly as they read the built-in decks'. The form names them by id; they are resolved here,
 * among the concepts the user can see: their own, and those of the built-in decks they study.
 */

interface ConceptRef {
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

/** Resolves stored links (slugs or "deck/slug") of a concept in `deck` to the ids of visible concepts. */
async function idsOfRefs(db: ReadDb, userId: string, deck: { id: string }, refs: string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const sameDeck = refs.filter((ref) => !ref.includes("/"));
  const other = refs.filter((ref) => ref.includes("/")).map((ref) => ref.split("/") as [string, string]);
  const rows = await db.concept.findMany({
    where: {
      ...visibleConceptsWhere(userId),
      OR: [
        ...(sameDeck.length > 0 ? [{ deckId: deck.id, slug: { in: sameDeck } }] : []),
        ...other.map(([deckSlug, slug]) => ({ slug, deck: { slug: deckSlug } })),
      ],
    },
    select: { id: true, slug: true, deckId: true, deck: { select: { slug: true, ownerId: true } } },
  });
  const idOf = new Map<string, string>();
  // An own deck and a built-in deck never share a slug (freeDeckSlug), so a "deck/slug" names one concept.
  for (const row of rows) idOf.set(row.deckId === deck.id ? row.slug : `${row.deck.slug}/${row.slug}`, row.id);
  return refs.map((ref) => idOf.get(ref)).filter((id): id is string => id !== undefined);
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
        confusableIds: await idsOfRefs(db, userId, deck, parseJsonList(row.confusables)),
        prerequisiteIds: await idsOfRefs(db, userId, deck, parseJsonList(row.prerequisites)),
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

/** Runs the quality checks against the deck as stored; throws the errors, returns the warnings. */
async function runChecks(
  tx: WriteTx,
  userId: string,
  deckId: string,
  conceptId: string | null,
  input: ConceptFields,
): Promise<{ warnings: string[]; links: Map<string, ConceptRef> }> {
  const [deckNames, links, requires] = await Promise.all([
    tx.concept.findMany({ where: { deckId }, select: { id: true, term: true, aliases: true } }),
    visibleByIds(tx, userId, [...input.confusableIds, ...input.prerequisiteIds]),
    ownGraph(tx, userId),
  ]);
  const context: CheckContext = {
    deckNames: deckNames.map((row) => ({ id: row.id, term: row.term, aliases: parseJsonList(row.aliases) })),
    known: new Set(links.keys()),
    requires,
  };
  const issues = checkConcept(
    {
      id: conceptId,
      term: input.term,
      aliases: input.aliases,
      definition: input.definition,
      prerequisiteIds: input.prerequisiteIds,
    },
    context,
  );
  const errors = errorsByField(issues);
  const danglingConfusable = input.confusableIds.some((id) => !links.has(id) || id === conceptId);
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

/** Writes a new concept in one of the user's decks and makes its cards at once (new cards, due now). */
export async function createOwnConcept(userId: string, input: CreateConceptInput, now: Date): Promise<SavedConceptDTO> {
  return write(async (tx) => {
    const deck = await ownDeck(tx, userId, input.deckId);
    const count = await tx.concept.count({ where: { deckId: deck.id } });
    if (count >= CONCEPTS_PER_DECK_MAX) throw new UserError(CONCEPT_LIMIT_MESSAGE);
    const { warnings, links } = await runChecks(tx, userId, deck.id, null, input);
    const last = await tx.concept.aggregate({ where: { deckId: deck.id }, _max: { position: true, rank: true } });
    const concept = await tx.concept.create({
      data: {
        ...conceptColumns(input, deck.id, links),
        deckId: deck.id,
        slug: await freeConceptSlug(tx, deck.id, input.term),
        position: (last._max.position ?? -1) + 1,
        rank: (last._max.rank ?? -1) + 1,
        createdAt: now,
      },
      select: { id: true, slug: true, deckId: true, rank: true, cardKinds: true },
    });
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
    const current = await tx.concept.findFirst({
      where: { id: input.conceptId, deck: { ownerId: userId } },
      select: {
        id: true,
        slug: true,
        deckId: true,
        rank: true,
        prerequisites: true,
        confusables: true,
        cardKinds: true,
        deck: { select: { slug: true } },
      },
    });
    if (!current) throw new NotFoundError("That concept");
    const { warnings, links } = await runChecks(tx, userId, current.deckId, current.id, input);
    const columns = conceptColumns(input, current.deckId, links);
    await tx.concept.update({ where: { id: current.id }, data: columns });

    const self = { id: current.id, slug: current.slug, deckId: current.deckId, deckSlug: current.deck.slug };
    const before = await idsOfRefs(tx, userId, { id: current.deckId }, parseJsonList(current.confusables));
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
    return { conceptId: current.id, cardId: await firstCardOf(tx, userId, current.id), warnings };
  });
}
