import { ankiTagsToSlugs } from "./anki-text";
import { droppedNote, fieldToText } from "./field-text";
import {
  emptyPreview,
  IMPORT_LIMITS,
  type ImportedCardKind,
  type ImportedConcept,
  type ImportedHistory,
  type ImportedReview,
  type ImportPreview,
} from "./types";

/*
 * An Anki collection's rows -> concepts and review histories. Reading the rows out of SQLite is the
 * server's part (lib/server/import/apkg.ts); everything decided about them is here, pure.
 *
 * - One concept per note: the note type's first field is the term, the second the definition
 *   (fields are stored in `ord` order), tags kept as slugs. Cloze note types are skipped and counted.
 * - Cards become Mesa's two kinds by template: ord 0 (Anki's "Card 1", the front -> back card of
 *   Basic and its variants) is TERM_TO_DEFINITION, ord 1 ("Card 2", the reverse card of "Basic
 *   (and reversed card)") is DEFINITION_TO_TERM. A note type with more templates has no Mesa
 *   counterpart for them: their history is left out and counted in the warnings.
 * - Review history (ANKI.md sections 3 and 4): cramming rows (type 3 with factor 0) are dropped,
 *   a reset (type 4 with factor 0) ends what came before it (the card started over), manual and
 *   rescheduling entries (types 4 and 5, ease 0) are not answers and go. A v1-scheduler collection
 *   logged learning answers on three buttons: eases 2 and 3 of learning and relearning rows become
 *   3 and 4, as Anki's own upgrade does.
 */

export interface AnkiNotetypeRow {
  id: number;
  name: string;
  /** 0 standard, 1 cloze. */
  kind: number;
}
export interface AnkiDeckRow {
  id: number;
  /** Levels joined by "::" (schema 11) or "\x1f" (schema 18). */
  name: string;
}
export interface AnkiNoteRow {
  id: number;
  guid: string;
  mid: number;
  tags: string;
  flds: string;
}
export interface AnkiCardRow {
  id: number;
  nid: number;
  did: number;
  odid: number;
  ord: number;
  queue: number;
}
export interface AnkiRevlogRow {
  id: number;
  cid: number;
  ease: number;
  type: number;
  factor: number;
  time: number;
}

export interface AnkiCollectionRows {
  /** `conf.schedVer`; missing means the v1 scheduler. */
  schedVer: number | null;
  notetypes: AnkiNotetypeRow[];
  decks: AnkiDeckRow[];
  notes: AnkiNoteRow[];
  cards: AnkiCardRow[];
  /** Any order; sorted here. */
  revlog: AnkiRevlogRow[];
  mediaNames: string[];
}

/** The longest answer time kept: Anki caps at its preset's maxTaken (60 s by default); an hour is beyond any real answer. */
const MAX_DURATION_MS = 60 * 60 * 1000;

export function deckDisplayName(name: string): string {
  return name
    .split(/\x1f|::/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" / ");
}

/** The answers of one card worth replaying, oldest first, after Anki's own filters. */
export function answersOf(rows: AnkiRevlogRow[], v1Scheduler: boolean): ImportedReview[] {
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  // A reset row ends the history before it: the card started over as new.
  let start = 0;
  sorted.forEach((row, index) => {
    if (row.type === 4 && row.factor === 0 && row.ease === 0) start = index + 1;
  });
  const answers: ImportedReview[] = [];
  for (const row of sorted.slice(start)) {
    // Cramming in a filtered deck without rescheduling did not affect the schedule.
    if (row.type === 3 && row.factor === 0) continue;
    // Manual (4) and rescheduled (5) entries, and any ease outside the four buttons, are not answers.
    if (row.type === 4 || row.type === 5 || row.ease < 1 || row.ease > 4) continue;
    let ease = row.ease;
    // v1 learning/relearning buttons were Again, Good, Easy.
    if (v1Scheduler && (row.type === 0 || row.type === 2) && (ease === 2 || ease === 3)) ease += 1;
    answers.push({
      reviewedAt: new Date(row.id),
      grade: ease as ImportedReview["grade"],
      durationMs: Math.min(Math.max(Math.round(row.time), 0), MAX_DURATION_MS),
    });
  }
  return answers;
}

function cardKind(ord: number): ImportedCardKind | null {
  return ord === 0 ? "TERM_TO_DEFINITION" : ord === 1 ? "DEFINITION_TO_TERM" : null;
}

/**
 * The package's deck: the deepest deck holding all its notes ("AI Safety" for notes in "AI Safety"
 * and "AI Safety / Inner alignment"), or none when they share no top-level deck.
 */
function packageDeckName(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  const levels = names.map((name) => name.split(" / "));
  const common: string[] = [];
  for (let i = 0; levels.every((parts) => i < parts.length && parts[i] === levels[0][i]); i++) common.push(levels[0][i]);
  return common.length > 0 ? common.join(" / ") : undefined;
}

/** Maps a collection's rows to an import preview. */
export function mapAnkiCollection(rows: AnkiCollectionRows): ImportPreview {
  const preview = emptyPreview();
  if (rows.notes.length > IMPORT_LIMITS.maxNotes) {
    preview.errors.push(
      `The package has ${rows.notes.length.toLocaleString("en")} notes, more than the ${IMPORT_LIMITS.maxNotes.toLocaleString("en")} one import takes`,
    );
    return preview;
  }
  const notetypes = new Map(rows.notetypes.map((notetype) => [notetype.id, notetype]));
  const decks = new Map(rows.decks.map((deck) => [deck.id, deckDisplayName(deck.name)]));
  const cardsByNote = new Map<number, AnkiCardRow[]>();
  for (const card of rows.cards) cardsByNote.set(card.nid, [...(cardsByNote.get(card.nid) ?? []), card]);
  const revlogByCard = new Map<number, AnkiRevlogRow[]>();
  for (const row of rows.revlog) {
    const list = revlogByCard.get(row.cid);
    if (list) list.push(row);
    else revlogByCard.set(row.cid, [row]);
  }
  // Without schedVer the collection used the v1 scheduler; Anki converts its eases only when some card was studied.
  const v1 = (rows.schedVer ?? 1) < 2 && rows.cards.some((card) => card.queue !== 0);

  const deckCounts = new Map<string, number>();
  let clozes = 0;
  let extraTemplates = 0;
  const dropped = { audio: 0, images: 0 };
  for (const note of [...rows.notes].sort((a, b) => a.id - b.id)) {
    const noteId = String(note.id);
    const fields = note.flds.split("\x1f");
    const summary = fields
      .map((field) => field.trim())
      .filter(Boolean)
      .join(" | ")
      .slice(0, 200);
    const notetype = notetypes.get(note.mid);
    if (!notetype) {
      preview.skipped.push({ noteId, text: summary, reason: `its note type (id ${note.mid}) is not in the package` });
      continue;
    }
    if (notetype.kind === 1) {
      clozes++;
      preview.skipped.push({
        noteId,
        text: summary,
        reason: `a cloze note ("${notetype.name}"): Mesa cards have a term and a definition`,
      });
      continue;
    }
    const term = fieldToText(fields[0] ?? "", true);
    const definition = fieldToText(fields[1] ?? "", true);
    const reason = !term.text
      ? "the first field (the term) is empty"
      : fields.length < 2
        ? `its note type "${notetype.name}" has one field: there is no definition`
        : !definition.text
          ? "the second field (the definition) is empty"
          : term.text.length > IMPORT_LIMITS.maxTermChars
            ? `the term is longer than ${IMPORT_LIMITS.maxTermChars} characters`
            : definition.text.length > IMPORT_LIMITS.maxDefinitionChars
              ? `the definition is longer than ${IMPORT_LIMITS.maxDefinitionChars} characters`
              : null;
    if (reason) {
      preview.skipped.push({ noteId, text: summary, reason });
      continue;
    }
    const lost = [...term.dropped, ...definition.dropped];
    if (lost.includes("audio")) dropped.audio++;
    if (lost.includes("images")) dropped.images++;
    const cards = (cardsByNote.get(note.id) ?? []).sort((a, b) => a.ord - b.ord);
    // A card in a filtered deck belongs to its home deck (odid).
    const home = cards[0] ? cards[0].odid || cards[0].did : undefined;
    const deckName = home !== undefined ? decks.get(home) : undefined;
    if (deckName) deckCounts.set(deckName, (deckCounts.get(deckName) ?? 0) + 1);
    const concept: ImportedConcept = {
      term: term.text,
      definition: definition.text,
      aliases: [],
      examples: [],
      tags: ankiTagsToSlugs(note.tags.split(/\s+/).filter(Boolean)),
      noteId,
      guid: note.guid,
      ...(deckName ? { deckName } : {}),
      ...(lost.length > 0 ? { notes: droppedNote(lost) } : {}),
    };
    const conceptIndex = preview.concepts.push(concept) - 1;
    for (const card of cards) {
      const kind = cardKind(card.ord);
      const answers = answersOf(revlogByCard.get(card.id) ?? [], v1);
      if (!kind) {
        if (answers.length > 0) extraTemplates++;
        continue;
      }
      if (answers.length === 0) continue;
      const history: ImportedHistory = { conceptIndex, kind, reviews: answers, sourceCardId: String(card.id) };
      preview.histories.push(history);
    }
  }
  preview.deckName = packageDeckName([...deckCounts.keys()]);
  if (clozes > 0) preview.warnings.push(`${clozes} cloze note${clozes === 1 ? "" : "s"} skipped`);
  if (extraTemplates > 0)
    preview.warnings.push(
      `The history of ${extraTemplates} card${extraTemplates === 1 ? "" : "s"} from a third or later card template was left out`,
    );
  if (dropped.audio > 0) preview.warnings.push(`Audio omitted from ${dropped.audio} note${dropped.audio === 1 ? "" : "s"}`);
  if (dropped.images > 0) preview.warnings.push(`Images omitted from ${dropped.images} note${dropped.images === 1 ? "" : "s"}`);
  if (rows.mediaNames.length > 0)
    preview.warnings.push(
      `${rows.mediaNames.length} media file${rows.mediaNames.length === 1 ? "" : "s"} in the package not imported (Mesa cards are text)`,
    );
  if (preview.concepts.length === 0)
    preview.errors.push(
      rows.notes.length === 0 ? "The package has no notes" : "No note in the package can become a concept: see the skipped list",
    );
  return preview;
}
