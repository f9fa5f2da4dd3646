import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CardState, newSchedulingState } from "@/lib/srs/card";
import {
  newBudget,
  reviewBudget,
  selectLearning,
  selectNew,
  selectReviews,
  shuffleNew,
  SiblingBury,
  type QueueCandidate,
} from "@/lib/srs/queue";
import { PREVIEWS_AHEAD } from "@/lib/srs/grades";
import { previewIntervalsAt, retrievabilityAt } from "@/lib/srs/scheduler";
import type { SchedulerSettings } from "@/lib/srs/settings";
import type { CardKind } from "@/lib/types/cards";
import type { ReviewCardDTO, ReviewQueueDTO } from "@/lib/types/review";
import { read, type ReadDb } from "../db";
import { CARD_KINDS } from "../decks";
import { renderInlineMarkdown, renderMarkdown } from "@/lib/markdown/render";
import { schedulerSettingsOf } from "../mappers";
import { effectiveText, wordingOf } from "../overrides";
import { confusionHints } from "../quiz/confusions";
import { DAY_MS_SQL, num, schedulingOfRow, STATE_SQL, type SchedulingRow, type SqlDate, type SqlNumber } from "../raw-rows";
import {
  byStateAndDeck,
  byStateAndDue,
  candidateOf,
  KIND_POSITION,
  loadDay,
  notIn,
  ORDER_COLUMNS,
  RETRIEVABILITY_COLUMNS,
  reviewSchedulingOfRow,
  SCHEDULING_COLUMNS,
  studiable,
  type Day,
  type OrderRow,
  type RetrievabilityRow,
} from "./day";
import { heldBackNewCards } from "./held-back";
import { crossJoin, epochMs, greatest, jsonEach } from "../sql-dialect";

/* Today's queue: which cards, in which order, each with its text and the four grade previews. */

/** Learning and relearning cards due before the day ends: few (a day's steps), all read. */
export async function learningRows(db: ReadDb, day: Day, now: Date): Promise<(OrderRow & SchedulingRow)[]> {
  return db.$queryRaw<(OrderRow & SchedulingRow)[]>`
    SELECT ${ORDER_COLUMNS}, ${SCHEDULING_COLUMNS} FROM ${byStateAndDue()}
    WHERE c."state" IN (${STATE_SQL.Learning}, ${STATE_SQL.Relearning}) AND c."due" < ${day.bounds.end} AND ${studiable(day, now)}`;
}

/**
 * Today's queue, each step reading only the cards it can take:
 * - learning cards due before the day ends (all of them: they are never limited);
 * - due reviews of concepts not already taken, lowest retrievability first, at most the review
 *   budget times the kinds of card (a concept has one card of each kind, so that always fills the
 *   budget when enough are due). SQLite orders them by elapsed days / stability, which orders retrievability (the
 *   forgetting curve falls with it); the exact order is then settled by selectReviews;
 * - new cards of concepts not taken, deck by deck in enrolment order, in each deck by the stored
 *   rank (deck order with prerequisites first), at most the kinds of card times what is still to fill.
 */
export async function selectQueue(db: ReadDb, day: Day, settings: SchedulerSettings, now: Date) {
  const { bounds } = day;
  const bury = new SiblingBury(day.reviewed);
  const learning = selectLearning(
    (await learningRows(db, day, now)).map((row) => candidateOf(row, day, schedulingOfRow(row))),
    now,
    bounds.end,
    bury,
  );

  const reviewsLeft = reviewBudget({ limits: day.limits, reviewsDoneToday: day.counts.reviewsDoneToday });
  let reviews: QueueCandidate[] = [];
  if (reviewsLeft > 0) {
    const rows = await db.$queryRaw<(OrderRow & RetrievabilityRow)[]>`
      SELECT ${ORDER_COLUMNS}, ${RETRIEVABILITY_COLUMNS} FROM ${byStateAndDue()}
      WHERE c."state" = ${STATE_SQL.Review} AND c."due" < ${bounds.end} AND ${studiable(day, now)} AND ${notIn(bury.concepts())}
      ORDER BY (CASE WHEN c."lastReview" IS NULL OR c."stability" <= 0 THEN 1e308
        ELSE ${greatest(Prisma.sql`0`, Prisma.sql`(CAST(${now.getTime()} AS BIGINT) - ${epochMs(Prisma.sql`c."lastReview"`)}) / ${DAY_MS_SQL}`)}
          / c."stability" END) DESC, c."due" ASC
      LIMIT CAST(${CARD_KINDS.length * reviewsLeft} AS INTEGER)`;
    reviews = selectReviews(
      rows.map((row) => candidateOf(row, day, reviewSchedulingOfRow(row))),
      bounds.end,
      reviewsLeft,
      bury,
      retrievabilityAt(now, settings),
    );
  }

  const newLeft = newBudget({ limits: day.limits, newIntroducedToday: day.counts.newIntroducedToday });
  const fresh: QueueCandidate[] = [];
  if (newLeft > 0 && day.user.newCardOrder === "RANDOM") {
    // Shuffled across every deck studied: all the new cards are read (ids only), since any may come first.
    const rows = await db.$queryRaw<OrderRow[]>`
      SELECT ${ORDER_COLUMNS} FROM ${byStateAndDeck()}
      WHERE c."state" = ${STATE_SQL.New} AND ${studiable(day, now)} AND ${notIn(bury.concepts())}`;
    const unstudied = newSchedulingState(now);
    const seed = `${day.user.id}:${bounds.day}`;
    fresh.push(
      ...selectNew(
        shuffleNew(
          rows.map((row) => candidateOf(row, day, unstudied)),
          seed,
        ),
        newLeft,
        bury,
      ),
    );
  } else if (newLeft > 0) {
    const unstudied = newSchedulingState(now);
    for (const deckId of day.deckPosition.keys()) {
      const wanted = newLeft - fresh.length;
      if (wanted <= 0) break;
      const rows = await db.$queryRaw<OrderRow[]>`
        SELECT ${ORDER_COLUMNS} FROM ${byStateAndDeck()}
        WHERE c."state" = ${STATE_SQL.New} AND c."deckId" = ${deckId} AND ${studiable(day, now)} AND ${notIn(bury.concepts())}
        ORDER BY c."rank", ${KIND_POSITION}, c."id"
        LIMIT CAST(${CARD_KINDS.length * wanted} AS INTEGER)`;
      fresh.push(
        ...selectNew(
          rows.map((row) => candidateOf(row, day, unstudied)),
          wanted,
          bury,
        ),
      );
    }
  }
  return { cards: [...learning.cards, ...reviews, ...fresh], learningLater: learning.learningLater };
}

/**
 * Full card DTOs (with concept and deck text) for queue entries, in queue order; the four grade
 * previews only for the entries `previewed` names (the rest arrive with the grades before them).
 */
async function reviewCards(
  db: ReadDb,
  userId: string,
  entries: QueueCandidate[],
  previewed: ReadonlySet<string>,
  settings: SchedulerSettings,
  now: Date,
): Promise<ReviewCardDTO[]> {
  if (entries.length === 0) return [];
  const rows = await db.$queryRaw<({ id: string } & SchedulingRow & ReviewTextRow)[]>`
    SELECT c."id", ${SCHEDULING_COLUMNS}, c."version", c."kind", c."conceptId", k."deckId" AS "conceptDeckId", k."confusables",
      k."term", k."definition", k."examples", k."aliases", k."sourceLocator",
      d."title" AS "deckTitle", d."sourceTitle", COALESCE(NULLIF(k."sourceUrl", ''), d."sourceUrl") AS "sourceUrl",
      o."definition" AS "oDefinition", o."examples" AS "oExamples", o."aliases" AS "oAliases",
      o."originalHash" AS "oOriginalHash", o."originalChangeSeenAt" AS "oSeenAt"
    FROM ${jsonEach(JSON.stringify(entries.map((e) => e.id)))}
      -- CROSS JOIN keeps the ids as the outer loop: otherwise SQLite may walk all the user's cards.
      ${crossJoin()} "Card" c ON c."id" = j."value"
      JOIN "Concept" k ON k."id" = c."conceptId" JOIN "Deck" d ON d."id" = k."deckId"
      -- The user's own wording of the concept, if any (the (userId, conceptId) unique index).
      LEFT JOIN "ConceptOverride" o ON o."userId" = c."userId" AND o."conceptId" = c."conceptId"
    WHERE c."userId" = ${userId}`;
  const rowById = new Map(rows.map((row) => [row.id, row]));
  const previews = previewIntervalsAt(now, settings);
  const concepts = new Map(
    rows.map((row) => [row.conceptId, { id: row.conceptId, deckId: row.conceptDeckId, confusables: row.confusables }]),
  );
  const hints = await confusionHints(db, userId, [...concepts.values()]);
  return entries.map((entry) => {
    const row = rowById.get(entry.id)!;
    const scheduling = schedulingOfRow(row);
    const override =
      row.oOriginalHash === null
        ? null
        : {
            definition: row.oDefinition,
            examples: row.oExamples,
            aliases: row.oAliases,
            originalHash: row.oOriginalHash,
            originalChangeSeenAt: row.oSeenAt,
          };
    const text = effectiveText(row, override);
    return {
      id: row.id,
      version: num(row.version),
      kind: row.kind as CardKind,
      term: row.term,
      ...text,
      definitionHtml: renderMarkdown(text.definition),
      examplesHtml: text.examples.map(renderInlineMarkdown),
      wording: wordingOf(row.conceptId, row, override),
      sourceLocator: row.sourceLocator,
      deckTitle: row.deckTitle,
      sourceTitle: row.sourceTitle,
      sourceUrl: row.sourceUrl,
      scheduling: { due: scheduling.due, state: scheduling.state },
      previews: previewed.has(row.id) ? previews(scheduling, row.id) : [],
      confusedWith: hints.get(row.conceptId) ?? [],
    };
  });
}

interface ReviewTextRow {
  version: SqlNumber;
  conceptId: string;
  conceptDeckId: string;
  confusables: string;
  kind: string;
  term: string;
  definition: string;
  examples: string;
  aliases: string;
  sourceLocator: string;
  deckTitle: string;
  sourceTitle: string;
  sourceUrl: string;
  oDefinition: string | null;
  oExamples: string | null;
  oAliases: string | null;
  oOriginalHash: string | null;
  oSeenAt: SqlDate | null;
}

/** Today's queue, of every deck the user studies or (`deckId`) of one of them. */
export async function getReviewQueue(userId: string, now: Date, deckId?: string): Promise<ReviewQueueDTO> {
  return read(async (db) => {
    const day = await loadDay(db, userId, now, deckId);
    const settings = schedulerSettingsOf(day.user);
    const queue = await selectQueue(db, day, settings, now);
    // Previews for the first cards and for the learning cards due later (they may come back as the
    // card on screen); computing them for a whole day's queue cost more than the rest of the page.
    const previewed = new Set([...queue.cards.slice(0, PREVIEWS_AHEAD), ...queue.learningLater].map((card) => card.id));
    const cards = await reviewCards(db, userId, [...queue.cards, ...queue.learningLater], previewed, settings, now);
    const newInQueue = queue.cards.filter((card) => card.scheduling.state === CardState.New).length;
    const deck =
      deckId === undefined
        ? null
        : ((await db.deck.findUnique({ where: { id: deckId }, select: { slug: true, title: true } })) ?? null);
    return {
      cards: cards.slice(0, queue.cards.length),
      learningLater: cards.slice(queue.cards.length),
      dayEnd: day.bounds.end,
      deck,
      heldBack: await heldBackNewCards(db, day, now, newInQueue),
      timeZone: day.user.timeZone,
    };
  });
}
