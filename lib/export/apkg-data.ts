import { REVERSED_NOTETYPE, type AnkiCollectionData } from "./anki-schema";
import type { ExportCard, ExportDeck, ExportReview } from "./types";

/*
 * A Mesa deck with the learner's cards and review log as the rows of a schema-11 Anki collection
 * (ANKI.md section 6): one "Basic (and reversed card)" note per concept (Card 1 = term ->
 * definition, Card 2 = definition -> term), the cards' schedules, and one revlog row per answer.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const ROLLOVER_HOUR = 4;

export interface ApkgExportInput {
  deck: ExportDeck;
  cards: readonly ExportCard[];
  reviews: readonly ExportReview[];
  now: Date;
  /** The learner's UTC offset in minutes west (Anki's creationOffset), for the collection's day boundary. */
  utcOffsetMinutesWest: number;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\n/g, "<br>");

/** Mesa state -> Anki revlog type of the answer: 0 learning, 1 review, 2 relearning. */
const REVLOG_TYPE = [0, 0, 1, 2];

export function toAnkiCollection(input: ApkgExportInput): AnkiCollectionData {
  const nowMs = input.now.getTime();
  // A loop, not Math.min(...all): spreading a long history overflows the call stack.
  let firstMs = nowMs;
  for (const review of input.reviews) firstMs = Math.min(firstMs, review.reviewedAt.getTime());
  // Day 0: the learner's day start (04:00 local) on or before the first review.
  const offsetMs = input.utcOffsetMinutesWest * 60_000;
  const localFirst = firstMs - offsetMs - ROLLOVER_HOUR * 3_600_000;
  const crtMs = Math.floor(localFirst / DAY_MS) * DAY_MS + offsetMs + ROLLOVER_HOUR * 3_600_000;
  // Ids are milliseconds not later than now (Anki renumbers later ones), unique within each table.
  const base = nowMs - 2 * (input.deck.concepts.length + 1) - 1000;
  const deckId = base;
  const noteIds = new Map(input.deck.concepts.map((concept, i) => [concept.id, base + i]));
  const cardsByKey = new Map(input.cards.map((card) => [`${card.conceptId}:${card.kind}`, card]));
  const data: AnkiCollectionData = {
    crtSeconds: Math.floor(crtMs / 1000),
    modMs: nowMs,
    schedVer: 2,
    creationOffset: input.utcOffsetMinutesWest,
    notetypes: [REVERSED_NOTETYPE],
    decks: [{ id: deckId, name: input.deck.title }],
    notes: [],
    cards: [],
    revlog: [],
  };
  const ankiCardIds = new Map<string, number>();
  input.deck.concepts.forEach((concept, i) => {
    const nid = noteIds.get(concept.id)!;
    data.notes.push({
      id: nid,
      guid: concept.guid ?? `mesa:${concept.id}`,
      mid: REVERSED_NOTETYPE.id,
      modSeconds: Math.floor(nowMs / 1000),
      tags: concept.tags,
      fields: [escapeHtml(concept.term), escapeHtml(concept.definition)],
    });
    (["TERM_TO_DEFINITION", "DEFINITION_TO_TERM"] as const).forEach((kind, ord) => {
      const id = base + 2 * i + ord;
      const card = cardsByKey.get(`${concept.id}:${kind}`);
      if (card) ankiCardIds.set(card.id, id);
      const common = { id, nid, did: deckId, ord, left: 0, reps: card?.reps ?? 0, lapses: card?.lapses ?? 0 };
      if (!card || card.state === 0) {
        data.cards.push({ ...common, type: 0, queue: card?.suspended ? -1 : 0, due: i + 1, ivl: 0, factor: 0 });
        return;
      }
      const memory = JSON.stringify({
        s: Number(card.stability.toFixed(4)),
        d: Number(card.difficulty.toFixed(4)),
        ...(card.lastReview ? { lrt: Math.floor(card.lastReview.getTime() / 1000) } : {}),
      });
      if (card.state === 2) {
        const dueDay = Math.max(0, Math.floor((card.due.getTime() - crtMs) / DAY_MS));
        data.cards.push({
          ...common,
          type: 2,
          queue: card.suspended ? -1 : 2,
          due: dueDay,
          ivl: Math.max(1, card.scheduledDays),
          factor: 2500,
          data: memory,
        });
      } else {
        // Learning and relearning cards are due at a time of day: Unix seconds.
        data.cards.push({
          ...common,
          type: card.state,
          queue: card.suspended ? -1 : 1,
          due: Math.floor(card.due.getTime() / 1000),
          ivl: 0,
          factor: card.state === 3 ? 2500 : 0,
          data: memory,
        });
      }
    });
  });
  const used = new Set<number>();
  const lastIvl = new Map<number, number>();
  const sorted = [...input.reviews].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
  // Each answer's next answer on the same card, found walking back from the newest.
  const nextAnswerMs = new Array<number | undefined>(sorted.length);
  const laterByCard = new Map<string, number>();
  for (let i = sorted.length - 1; i >= 0; i--) {
    nextAnswerMs[i] = laterByCard.get(sorted[i].cardId);
    laterByCard.set(sorted[i].cardId, sorted[i].reviewedAt.getTime());
  }
  const cardsById = new Map(input.cards.map((card) => [card.id, card]));
  sorted.forEach((review, index) => {
    const cid = ankiCardIds.get(review.cardId);
    if (cid === undefined) return;
    // The revlog id is the answer time in ms and the primary key: a collision moves one ms on.
    let id = review.reviewedAt.getTime();
    while (used.has(id)) id++;
    used.add(id);
    // The interval after the answer, as Anki logs it: days to the card's next answer (or its due date), negative seconds when under a day.
    const at = review.reviewedAt.getTime();
    const untilMs = (nextAnswerMs[index] ?? cardsById.get(review.cardId)?.due.getTime() ?? at) - at;
    const ivl = untilMs >= DAY_MS ? Math.round(untilMs / DAY_MS) : -Math.round(untilMs / 1000);
    const type = REVLOG_TYPE[review.stateBefore] ?? 1;
    data.revlog.push({
      id,
      cid,
      ease: review.grade,
      ivl,
      lastIvl: lastIvl.get(cid) ?? 0,
      factor: type === 0 ? 0 : 2500,
      time: Math.max(0, Math.round(review.durationMs)),
      type,
    });
    lastIvl.set(cid, ivl);
  });
  return data;
}
