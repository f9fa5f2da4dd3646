/**
 * Builds Anki packages for the tests and the import benchmark, in each generation Anki writes
 * (ANKI.md section 1): legacy 1 (`collection.anki2`, JSON media map), legacy 2 (`meta` 08 02,
 * `collection.anki21` + stub `collection.anki2`) and latest (`meta` 08 03, zstd
 * `collection.anki21b` in schema 18 with its `unicase` collation, protobuf media list, zstd media
 * files). No zstd compressor is installed (fzstd only decodes), so zstd frames are written with
 * raw (uncompressed) blocks, which RFC 8878 allows and every decoder reads.
 *
 *   npx tsx --conditions=react-server scripts/anki-fixtures.ts DIR   writes the sample package in each format to DIR
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { zipSync, type Zippable } from "fflate";
import {
  BASIC_NOTETYPE,
  CLOZE_NOTETYPE,
  REVERSED_NOTETYPE,
  SCHEMA11_SQL,
  sortField,
  type AnkiCollectionData,
} from "@/lib/export/anki-schema";
import { encodeBytesField, encodeVarintField } from "@/lib/import/protobuf";
import { fieldChecksum, writeSchema11Collection } from "@/lib/server/export/anki-sqlite";

export type PackageFormat = "anki2" | "anki21" | "anki21b";
export const PACKAGE_FORMATS: PackageFormat[] = ["anki2", "anki21", "anki21b"];

const MAX_RAW_BLOCK = 128 * 1024;

/** One zstd frame holding `bytes` in raw blocks (RFC 8878 3.1.1): magic, header with content size, blocks. */
export function zstdRawFrame(bytes: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(bytes.length / MAX_RAW_BLOCK));
  const out = new Uint8Array(4 + 1 + 4 + blocks * 3 + bytes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xfd2fb528, true);
  // Frame header descriptor: content size field of 4 bytes (flag 2), single segment, no checksum, no dictionary.
  out[4] = (2 << 6) | (1 << 5);
  view.setUint32(5, bytes.length, true);
  let offset = 9;
  for (let i = 0; i < blocks; i++) {
    const chunk = bytes.subarray(i * MAX_RAW_BLOCK, (i + 1) * MAX_RAW_BLOCK);
    const last = i === blocks - 1 ? 1 : 0;
    // Block header, 3 bytes little-endian: last-block bit, type 0 (raw) in bits 1-2, size in bits 3-23.
    const header = last | (0 << 1) | (chunk.length << 3);
    out[offset] = header & 0xff;
    out[offset + 1] = (header >> 8) & 0xff;
    out[offset + 2] = (header >> 16) & 0xff;
    out.set(chunk, offset + 3);
    offset += 3 + chunk.length;
  }
  return out;
}

const encoder = new TextEncoder();

/** Schema 18: the tables that replaced col's JSON (rslib/src/storage/upgrades/schema14..18), names in `unicase`. */
const SCHEMA18_EXTRA_SQL = `
create table deck_config (id integer primary key not null, name text not null collate nocase, mtime_secs integer not null,
  usn integer not null, config blob not null);
create table config (key text not null primary key, usn integer not null, mtime_secs integer not null, val blob not null) without rowid;
create table tags (tag text not null primary key collate nocase, usn integer not null, collapsed boolean not null, config blob null) without rowid;
create table fields (ntid integer not null, ord integer not null, name text not null collate nocase, config blob not null,
  primary key (ntid, ord)) without rowid;
create unique index idx_fields_name_ntid on fields (name, ntid);
create table templates (ntid integer not null, ord integer not null, name text not null collate nocase, mtime_secs integer not null,
  usn integer not null, config blob not null, primary key (ntid, ord)) without rowid;
create unique index idx_templates_name_ntid on templates (name, ntid);
create index idx_templates_usn on templates (usn);
create table notetypes (id integer not null primary key, name text not null collate nocase, mtime_secs integer not null,
  usn integer not null, config blob not null);
create unique index idx_notetypes_name on notetypes (name);
create index idx_notetypes_usn on notetypes (usn);
create table decks (name text not null primary key collate nocase, id integer not null, mtime_secs integer not null,
  usn integer not null, common blob not null, kind blob not null);
create unique index idx_decks_id on decks (id);
create index idx_notes_mid on notes (mid);
create index idx_cards_odid on cards (odid) where odid != 0;
`;

/** A schema-18 collection, as the latest Anki writes it inside `collection.anki21b` (before zstd). */
export function writeSchema18Collection(data: AnkiCollectionData): Uint8Array {
  const legacy = new Database(Buffer.from(writeSchema11Collection(data)));
  const db = new Database(legacy.serialize());
  legacy.close();
  try {
    db.exec(SCHEMA18_EXTRA_SQL);
    db.prepare("update col set ver = 18, conf = '', models = '', decks = '', dconf = '', tags = ''").run();
    const mtime = Math.floor(data.modMs / 1000);
    const setConfig = db.prepare("insert into config values (?, 0, ?, ?)");
    if (data.schedVer !== null) setConfig.run("schedVer", mtime, Buffer.from(JSON.stringify(data.schedVer)));
    setConfig.run("creationOffset", mtime, Buffer.from(JSON.stringify(data.creationOffset)));
    setConfig.run("rollover", mtime, Buffer.from("4"));
    for (const notetype of data.notetypes) {
      // Notetype.Config: field 1 kind (omitted when standard), field 3 css: an unknown field to a reader that wants only the kind.
      const config = [
        ...(notetype.kind ? encodeVarintField(1, notetype.kind) : []),
        ...encodeBytesField(3, encoder.encode(".card {}")),
      ];
      db.prepare("insert into notetypes values (?, ?, ?, 0, ?)").run(notetype.id, notetype.name, mtime, Buffer.from(config));
      notetype.fields.forEach((name, ord) =>
        db.prepare("insert into fields values (?, ?, ?, ?)").run(notetype.id, ord, name, Buffer.alloc(0)),
      );
      notetype.templates.forEach((template, ord) => {
        const config = [
          ...encodeBytesField(1, encoder.encode(template.qfmt)),
          ...encodeBytesField(2, encoder.encode(template.afmt)),
        ];
        db.prepare("insert into templates values (?, ?, ?, ?, 0, ?)").run(
          notetype.id,
          ord,
          template.name,
          mtime,
          Buffer.from(config),
        );
      });
    }
    const decks = data.decks.some((deck) => deck.id === 1) ? data.decks : [{ id: 1, name: "Default" }, ...data.decks];
    for (const deck of decks) {
      // KindContainer field 1: a normal deck { config_id = 1 }.
      const kind = encodeBytesField(1, encodeVarintField(1, 1));
      db.prepare("insert into decks values (?, ?, ?, 0, ?, ?)").run(
        deck.name.split("::").join("\x1f"),
        deck.id,
        mtime,
        Buffer.alloc(0),
        Buffer.from(kind),
      );
    }
    db.prepare("insert into deck_config values (1, 'Default', ?, 0, ?)").run(mtime, Buffer.alloc(0));
    for (const tag of new Set(data.notes.flatMap((note) => note.tags)))
      db.prepare("insert into tags values (?, 0, 0, null)").run(tag);
    // Anki declares its own collation on name columns; SQLite elsewhere does not know it (ANKI.md section 2).
    db.unsafeMode(true);
    db.pragma("writable_schema = ON");
    db.prepare(
      "update sqlite_master set sql = replace(sql, 'collate nocase', 'collate unicase') where sql like '%collate nocase%'",
    ).run();
    db.pragma("writable_schema = OFF");
    db.unsafeMode(false);
    const bytes = new Uint8Array(db.serialize());
    // The latest Anki leaves its collections in WAL mode (header bytes 18 and 19 = 2).
    bytes[18] = 2;
    bytes[19] = 2;
    return bytes;
  } finally {
    db.close();
  }
}

/** The one-note collection Anki puts beside a newer collection, for Anki versions that cannot read it. */
function stubCollection(): Uint8Array {
  return writeSchema11Collection({
    crtSeconds: 1_600_000_000,
    modMs: 1_600_000_000_000,
    schedVer: 2,
    creationOffset: 0,
    notetypes: [BASIC_NOTETYPE],
    decks: [],
    notes: [
      {
        id: 1,
        guid: "stub",
        mid: BASIC_NOTETYPE.id,
        modSeconds: 1_600_000_000,
        tags: [],
        fields: ["Please update to the latest Anki version, then import the .colpkg/.apkg file again.", ""],
      },
    ],
    cards: [{ id: 1, nid: 1, did: 1, ord: 0, type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0 }],
    revlog: [],
  });
}

/** A package of `data` in one generation, with media files by name. */
export function buildAnkiPackage(
  data: AnkiCollectionData,
  format: PackageFormat,
  media: Record<string, Uint8Array> = {},
): Uint8Array {
  const stored = { level: 0 as const };
  const files: Zippable = {};
  const names = Object.keys(media);
  if (format === "anki21b") {
    files.meta = [new Uint8Array([0x08, 0x03]), stored];
    files["collection.anki2"] = [stubCollection(), { level: 6 }];
    files["collection.anki21b"] = [zstdRawFrame(writeSchema18Collection(data)), stored];
    // MediaEntries { repeated entry = 1 { name = 1, size = 2 } }, zstd; each file zstd too, named by its position.
    const entries = names.flatMap((name) =>
      encodeBytesField(1, [...encodeBytesField(1, encoder.encode(name)), ...encodeVarintField(2, media[name].length)]),
    );
    files.media = [zstdRawFrame(new Uint8Array(entries)), stored];
    names.forEach((name, i) => (files[String(i)] = [zstdRawFrame(media[name]), stored]));
  } else {
    if (format === "anki21") {
      files.meta = [new Uint8Array([0x08, 0x02]), stored];
      files["collection.anki2"] = [stubCollection(), { level: 6 }];
      files["collection.anki21"] = [writeSchema11Collection(data), { level: 6 }];
    } else files["collection.anki2"] = [writeSchema11Collection(data), { level: 6 }];
    files.media = [encoder.encode(JSON.stringify(Object.fromEntries(names.map((name, i) => [String(i), name])))), stored];
    names.forEach((name, i) => (files[String(i)] = [media[name], stored]));
  }
  return zipSync(files);
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** 2025-01-06 04:00 UTC: the collection's day 0. */
const CRT_S = 1_736_136_000;
const T0 = CRT_S * 1000;
export const SAMPLE_DECK_ID = 1_700_000_000_100;
export const SAMPLE_PARENT_DECK_ID = 1_700_000_000_101;
const FILTERED_DECK_ID = 1_700_000_000_102;

/**
 * The sample collection the tests read in every format: a reversed note with history on both
 * cards, a Basic note whose history has cramming, a manual reschedule and a reset in it, a cloze
 * note, a note with an image, a note with script and event-handler HTML, and a card in a filtered
 * deck. `schedVer` null makes it a v1-scheduler collection (learning eases on three buttons).
 */
export function sampleCollection(schedVer: number | null = 2): AnkiCollectionData {
  const at = (day: number, minutes = 0) => T0 + day * DAY_MS + minutes * 60_000;
  return {
    crtSeconds: CRT_S,
    modMs: at(200),
    schedVer,
    creationOffset: 0,
    notetypes: [BASIC_NOTETYPE, REVERSED_NOTETYPE, CLOZE_NOTETYPE],
    decks: [
      { id: SAMPLE_PARENT_DECK_ID, name: "AI Safety" },
      { id: SAMPLE_DECK_ID, name: "AI Safety::Inner alignment" },
      { id: FILTERED_DECK_ID, name: "Filtered Deck 1" },
    ],
    notes: [
      {
        id: 1001,
        guid: "q1Abc",
        mid: REVERSED_NOTETYPE.id,
        modSeconds: CRT_S,
        tags: ["mesa", "ch01::intro"],
        fields: [
          "<b>Mesa-optimizer</b>",
          'A learned model that is <i>itself</i> an optimizer.<div>See <a href="https://example.org">the paper</a>.</div>',
        ],
      },
      {
        id: 1002,
        guid: "q2Def",
        mid: BASIC_NOTETYPE.id,
        modSeconds: CRT_S,
        tags: ["ch01"],
        fields: ["Base optimizer", "The optimizer that trained the model, e.g. SGD.&nbsp;[sound:base.mp3]"],
      },
      {
        id: 1003,
        guid: "q3Ghi",
        mid: CLOZE_NOTETYPE.id,
        modSeconds: CRT_S,
        tags: [],
        fields: ["{{c1::Inner alignment}} is about the mesa-objective.", ""],
      },
      {
        id: 1004,
        guid: "q4Jkl",
        mid: BASIC_NOTETYPE.id,
        modSeconds: CRT_S,
        tags: ["ch02"],
        fields: ['<img src="diagram.png">Deceptive alignment', "Behaving aligned during training, to avoid modification."],
      },
      {
        id: 1005,
        guid: "q5Mno",
        mid: BASIC_NOTETYPE.id,
        modSeconds: CRT_S,
        tags: ["ch02"],
        fields: [
          "Evil <script>alert(1)</script>",
          '<img src=x onerror="alert(2)">Looks <a href="javascript:alert(3)">harmless</a>',
        ],
      },
    ],
    cards: [
      {
        id: 2001,
        nid: 1001,
        did: SAMPLE_DECK_ID,
        ord: 0,
        type: 2,
        queue: 2,
        due: 40,
        ivl: 25,
        factor: 2500,
        reps: 4,
        lapses: 0,
        left: 0,
      },
      {
        id: 2002,
        nid: 1001,
        did: SAMPLE_DECK_ID,
        ord: 1,
        type: 2,
        queue: 2,
        due: 30,
        ivl: 20,
        factor: 2500,
        reps: 3,
        lapses: 0,
        left: 0,
      },
      {
        id: 2003,
        nid: 1002,
        did: FILTERED_DECK_ID,
        odid: SAMPLE_DECK_ID,
        odue: 20,
        ord: 0,
        type: 2,
        queue: 2,
        due: 20,
        ivl: 10,
        factor: 2500,
        reps: 3,
        lapses: 0,
        left: 0,
      },
      {
        id: 2004,
        nid: 1003,
        did: SAMPLE_DECK_ID,
        ord: 0,
        type: 2,
        queue: 2,
        due: 10,
        ivl: 5,
        factor: 2500,
        reps: 2,
        lapses: 0,
        left: 0,
      },
      {
        id: 2005,
        nid: 1004,
        did: SAMPLE_PARENT_DECK_ID,
        ord: 0,
        type: 0,
        queue: 0,
        due: 1,
        ivl: 0,
        factor: 0,
        reps: 0,
        lapses: 0,
        left: 0,
      },
      {
        id: 2006,
        nid: 1005,
        did: SAMPLE_PARENT_DECK_ID,
        ord: 0,
        type: 0,
        queue: 0,
        due: 2,
        ivl: 0,
        factor: 0,
        reps: 0,
        lapses: 0,
        left: 0,
      },
    ],
    revlog: [
      // Card 2001: learning steps on day 0 (Good, Good), then reviews.
      { id: at(0, 0), cid: 2001, ease: 3, ivl: -600, lastIvl: -60, factor: 0, time: 5000, type: 0 },
      { id: at(0, 10), cid: 2001, ease: 3, ivl: 1, lastIvl: -600, factor: 2500, time: 4000, type: 0 },
      { id: at(1), cid: 2001, ease: 3, ivl: 4, lastIvl: 1, factor: 2500, time: 3000, type: 1 },
      { id: at(5), cid: 2001, ease: 4, ivl: 25, lastIvl: 4, factor: 2650, time: 2000, type: 1 },
      // Card 2002 (the reverse): Again, Good, then a review.
      { id: at(0, 1), cid: 2002, ease: 1, ivl: -60, lastIvl: 0, factor: 0, time: 8000, type: 0 },
      { id: at(0, 2), cid: 2002, ease: 3, ivl: 1, lastIvl: -60, factor: 2500, time: 6000, type: 0 },
      { id: at(2), cid: 2002, ease: 2, ivl: 3, lastIvl: 1, factor: 2350, time: 7000, type: 1 },
      // Card 2003: history before a reset, cramming, a manual reschedule; only the three answers after the reset count.
      { id: at(0, 3), cid: 2003, ease: 3, ivl: 1, lastIvl: 0, factor: 2500, time: 1000, type: 0 },
      { id: at(3), cid: 2003, ease: 0, ivl: 0, lastIvl: 1, factor: 0, time: 0, type: 4 },
      { id: at(4), cid: 2003, ease: 2, ivl: -600, lastIvl: 0, factor: 0, time: 9000, type: 0 },
      { id: at(4, 10), cid: 2003, ease: 3, ivl: 1, lastIvl: -600, factor: 2500, time: 4500, type: 0 },
      { id: at(5, 30), cid: 2003, ease: 1, ivl: 0, lastIvl: 1, factor: 0, time: 3000, type: 3 },
      { id: at(6), cid: 2003, ease: 0, ivl: 10, lastIvl: 1, factor: 2500, time: 0, type: 4 },
      { id: at(7), cid: 2003, ease: 3, ivl: 10, lastIvl: 1, factor: 2500, time: 999_999_999, type: 1 },
      { id: at(8), cid: 2003, ease: 3, ivl: 12, lastIvl: 10, factor: 2500, time: 1000, type: 5 },
      // The cloze card's history is not imported.
      { id: at(1, 5), cid: 2004, ease: 3, ivl: 1, lastIvl: 0, factor: 2500, time: 1000, type: 0 },
    ],
  };
}

export const SAMPLE_MEDIA: Record<string, Uint8Array> = {
  "diagram.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  "base.mp3": encoder.encode("ID3 not really audio"),
};

/** A deterministic pseudo-random sequence (mulberry32): the synthetic collection is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A large collection for the benchmark: `notes` reversed notes (two cards each) in one deck and
 * `reviews` revlog rows spread over the cards: a learning answer on each card's first day, then
 * reviews at growing intervals, one answer in ten Again and the rest Hard, Good or Easy.
 */
export function syntheticCollection(notes: number, reviews: number, seed = 14): AnkiCollectionData {
  const next = random(seed);
  const cardCount = notes * 2;
  const data: AnkiCollectionData = {
    crtSeconds: CRT_S,
    modMs: T0 + 730 * DAY_MS,
    schedVer: 2,
    creationOffset: 0,
    notetypes: [REVERSED_NOTETYPE],
    decks: [{ id: SAMPLE_DECK_ID, name: "Synthetic" }],
    notes: [],
    cards: [],
    revlog: [],
  };
  for (let n = 0; n < notes; n++) {
    data.notes.push({
      id: 10_000 + n,
      guid: `syn${n}`,
      mid: REVERSED_NOTETYPE.id,
      modSeconds: CRT_S,
      tags: [`group${n % 20}`],
      fields: [`Term ${n}`, `What entry ${n} means, with <b>some</b> markup&nbsp;and an entity.`],
    });
    for (const ord of [0, 1]) {
      data.cards.push({
        id: 100_000 + n * 2 + ord,
        nid: 10_000 + n,
        did: SAMPLE_DECK_ID,
        ord,
        type: 2,
        queue: 2,
        due: 800,
        ivl: 30,
        factor: 2500,
        reps: 0,
        lapses: 0,
        left: 0,
      });
    }
  }
  const perCard = Math.floor(reviews / cardCount);
  let extra = reviews - perCard * cardCount;
  for (let c = 0; c < cardCount; c++) {
    const count = perCard + (extra-- > 0 ? 1 : 0);
    let day = Math.floor(next() * 60);
    let interval = 1;
    for (let i = 0; i < count; i++) {
      const roll = next();
      const ease = i === 0 ? 3 : roll < 0.1 ? 1 : roll < 0.2 ? 2 : roll < 0.9 ? 3 : 4;
      // One answer per card per day; the card's index in the day keeps every id (the primary key) unique.
      data.revlog.push({
        id: T0 + day * DAY_MS + c * 1000,
        cid: 100_000 + c,
        ease,
        ivl: interval,
        lastIvl: interval,
        factor: 2500,
        time: 2000 + Math.floor(next() * 8000),
        type: i === 0 ? 0 : 1,
      });
      interval = ease === 1 ? 1 : Math.max(1, Math.round(interval * (ease === 2 ? 1.2 : ease === 3 ? 2.5 : 3.5)));
      day += Math.min(interval, 30);
    }
  }
  return data;
}

export { fieldChecksum, sortField, SCHEMA11_SQL };

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: tsx --conditions=react-server scripts/anki-fixtures.ts DIR");
    process.exit(2);
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const format of PACKAGE_FORMATS) {
    const file = path.join(dir, `sample-${format}.apkg`);
    fs.writeFileSync(file, buildAnkiPackage(sampleCollection(), format, SAMPLE_MEDIA));
    console.log(file);
  }
}
