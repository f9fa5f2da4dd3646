/*
 * Anki's collection schema 11 (ankitects/anki rslib/src/storage/schema11.sql) and the JSON its
 * `col` row holds, as ANKI.md section 6 lists what Anki's deserializers require. Used to write
 * .apkg exports and the test packages; the reader (lib/import/anki-collection.ts) never uses it.
 */

export const SCHEMA11_SQL = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
  odue integer not null, odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

export interface AnkiNotetypeSpec {
  id: number;
  name: string;
  /** 0 standard, 1 cloze. */
  kind: 0 | 1;
  fields: string[];
  templates: { name: string; qfmt: string; afmt: string }[];
}

export interface AnkiCollectionData {
  /** Collection creation, Unix seconds: day 0 of review cards' `due`. */
  crtSeconds: number;
  modMs: number;
  /** 2 for the v2/v3 scheduler; null writes no schedVer (a v1 collection). */
  schedVer: number | null;
  /** Minutes west of UTC (Anki's creationOffset). */
  creationOffset: number;
  notetypes: AnkiNotetypeSpec[];
  /** Names with "::" between levels. Deck 1 "Default" is always written. */
  decks: { id: number; name: string }[];
  notes: { id: number; guid: string; mid: number; modSeconds: number; tags: string[]; fields: string[] }[];
  cards: {
    id: number;
    nid: number;
    did: number;
    ord: number;
    type: number;
    queue: number;
    due: number;
    ivl: number;
    factor: number;
    reps: number;
    lapses: number;
    left: number;
    odid?: number;
    odue?: number;
    /** JSON: FSRS memory state `{"s":..,"d":..,"lrt":..}` or "". */
    data?: string;
  }[];
  revlog: { id: number; cid: number; ease: number; ivl: number; lastIvl: number; factor: number; time: number; type: number }[];
}

/** Basic: Front/Back, one card. */
export const BASIC_NOTETYPE_ID = 1_700_000_000_001;
/** Basic (and reversed card): Front/Back, two cards. Mesa's concepts are exported with this one. */
export const REVERSED_NOTETYPE_ID = 1_700_000_000_002;
export const CLOZE_NOTETYPE_ID = 1_700_000_000_003;

export const BASIC_NOTETYPE: AnkiNotetypeSpec = {
  id: BASIC_NOTETYPE_ID,
  name: "Basic",
  kind: 0,
  fields: ["Front", "Back"],
  templates: [{ name: "Card 1", qfmt: "{{Front}}", afmt: "{{FrontSide}}<hr id=answer>{{Back}}" }],
};
export const REVERSED_NOTETYPE: AnkiNotetypeSpec = {
  id: REVERSED_NOTETYPE_ID,
  name: "Basic (and reversed card)",
  kind: 0,
  fields: ["Front", "Back"],
  templates: [
    { name: "Card 1", qfmt: "{{Front}}", afmt: "{{FrontSide}}<hr id=answer>{{Back}}" },
    { name: "Card 2", qfmt: "{{Back}}", afmt: "{{FrontSide}}<hr id=answer>{{Front}}" },
  ],
};
export const CLOZE_NOTETYPE: AnkiNotetypeSpec = {
  id: CLOZE_NOTETYPE_ID,
  name: "Cloze",
  kind: 1,
  fields: ["Text", "Back Extra"],
  templates: [{ name: "Cloze", qfmt: "{{cloze:Text}}", afmt: "{{cloze:Text}}<br>{{Back Extra}}" }],
};

const CSS = ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }";
const LATEX_PRE =
  "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n";

/** `conf` of the col row: Anki's defaults with schedVer (without it Anki assumes v1 and shifts learning eases). */
export function confJson(data: AnkiCollectionData): string {
  return JSON.stringify({
    activeDecks: [1],
    curDeck: 1,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: null,
    nextPos: 1,
    sortType: "noteFld",
    sortBackwards: false,
    addToCur: true,
    dayLearnFirst: false,
    ...(data.schedVer === null ? {} : { schedVer: data.schedVer, sched2021: true }),
    creationOffset: data.creationOffset,
  });
}

export function modelsJson(data: AnkiCollectionData): string {
  const models: Record<string, unknown> = {};
  for (const notetype of data.notetypes) {
    models[String(notetype.id)] = {
      id: notetype.id,
      name: notetype.name,
      type: notetype.kind,
      mod: Math.floor(data.modMs / 1000),
      usn: 0,
      sortf: 0,
      did: 1,
      tmpls: notetype.templates.map((template, ord) => ({
        name: template.name,
        ord,
        qfmt: template.qfmt,
        afmt: template.afmt,
        bqfmt: "",
        bafmt: "",
        did: null,
        bfont: "",
        bsize: 0,
      })),
      flds: notetype.fields.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: "Arial", size: 20, media: [] })),
      css: CSS,
      latexPre: LATEX_PRE,
      latexPost: "\\end{document}",
      latexsvg: false,
      req: notetype.templates.map((_, ord) => [ord, "any", [ord === 1 ? 1 : 0]]),
      tags: [],
      vers: [],
    };
  }
  return JSON.stringify(models);
}

export function decksJson(data: AnkiCollectionData): string {
  const decks: Record<string, unknown> = {};
  const all = data.decks.some((deck) => deck.id === 1) ? data.decks : [{ id: 1, name: "Default" }, ...data.decks];
  for (const deck of all) {
    decks[String(deck.id)] = {
      id: deck.id,
      mod: Math.floor(data.modMs / 1000),
      name: deck.name,
      usn: 0,
      lrnToday: [0, 0],
      revToday: [0, 0],
      newToday: [0, 0],
      timeToday: [0, 0],
      collapsed: false,
      browserCollapsed: false,
      desc: "",
      dyn: 0,
      conf: 1,
      extendNew: 0,
      extendRev: 0,
    };
  }
  return JSON.stringify(decks);
}

export function dconfJson(data: AnkiCollectionData, fsrs?: { params: number[]; desiredRetention: number }): string {
  return JSON.stringify({
    "1": {
      id: 1,
      mod: Math.floor(data.modMs / 1000),
      name: "Default",
      usn: 0,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
      replayq: true,
      dyn: false,
      new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
      rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
      lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
      ...(fsrs ? { fsrsParams6: fsrs.params, desiredRetention: fsrs.desiredRetention } : {}),
    },
  });
}

/** Field 0 with HTML stripped (Anki's sort field). */
export function sortField(field: string): string {
  return field.replace(/<[^>]*>/g, "").trim();
}
