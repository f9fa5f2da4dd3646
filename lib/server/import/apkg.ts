import "server-only";
import Database from "better-sqlite3";
import { mapAnkiCollection, type AnkiCollectionRows, type AnkiNotetypeRow } from "@/lib/import/anki-collection";
import { unpackAnkiPackage } from "@/lib/import/apkg-archive";
import { decodeMessage, varintField } from "@/lib/import/protobuf";
import { failedPreview, IMPORT_LIMITS, type ImportLimits, type ImportPreview } from "@/lib/import/types";
import { ZipError } from "@/lib/import/zip";

/*
 * Reads an Anki package (.apkg/.colpkg) into an import preview. The zip and zstd work and the
 * mapping are pure (lib/import); this file only reads the collection's rows with SQLite.
 *
 * The collection is opened from memory (`new Database(buffer, { readonly: true })`): SQLite
 * deserializes the bytes into a private in-memory copy, so nothing is written to disk, there is no
 * temporary file to clean up after a failure, and the read-only flag refuses any write. The cost
 * is the collection's size in memory once more, bounded by the package limits.
 *
 * Schema 18 (the latest packages) declares a `unicase` collation SQLite does not know; only the
 * tables it does not touch are read (ANKI.md section 2): col, config, notetypes, decks, notes,
 * cards, revlog, without ordering or comparing names.
 */

function tableNames(db: Database.Database): Set<string> {
  return new Set(
    (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((row) => row.name),
  );
}

function parseJson(text: unknown, what: string): unknown {
  if (typeof text !== "string" && !Buffer.isBuffer(text)) return null;
  const source = Buffer.isBuffer(text) ? text.toString("utf8") : text;
  if (source.trim() === "") return null;
  try {
    return JSON.parse(source);
  } catch {
    throw new ZipError(`The collection's ${what} is not valid JSON`);
  }
}

function readRows(db: Database.Database, mediaNames: string[], limits: ImportLimits): AnkiCollectionRows | string {
  const tables = tableNames(db);
  for (const table of ["col", "notes", "cards", "revlog"]) {
    if (!tables.has(table))
      return `The package holds an SQLite database that is not an Anki collection (it has no "${table}" table)`;
  }
  const col = db.prepare("select ver, conf, models, decks from col limit 1").get() as
    { ver: number; conf: string; models: string; decks: string } | undefined;
  if (!col) return "The Anki collection is empty (its col table has no row)";
  const noteCount = (db.prepare("select count(*) as n from notes").get() as { n: number }).n;
  if (noteCount > limits.maxNotes)
    return `The package has ${noteCount.toLocaleString("en")} notes, more than the ${limits.maxNotes.toLocaleString("en")} one import takes`;
  const reviewCount = (db.prepare("select count(*) as n from revlog").get() as { n: number }).n;
  if (reviewCount > limits.maxReviews)
    return `The package has ${reviewCount.toLocaleString("en")} reviews, more than the ${limits.maxReviews.toLocaleString("en")} one import takes`;

  let schedVer: number | null;
  let notetypes: AnkiNotetypeRow[];
  let decks: { id: number; name: string }[];
  if (tables.has("notetypes")) {
    // Schema 15 and later: settings, note types and decks moved to tables of their own.
    const sched = tables.has("config")
      ? (db.prepare("select val from config where key = 'schedVer'").get() as { val: Buffer } | undefined)
      : undefined;
    const value = sched ? parseJson(sched.val, "scheduler setting") : null;
    schedVer = typeof value === "number" ? value : null;
    notetypes = (
      db.prepare("select id, name, config from notetypes").all() as { id: number; name: string; config: Buffer }[]
    ).map((row) => {
      let kind = 0;
      try {
        // Notetype.Config field 1: kind (0 standard, 1 cloze).
        kind = varintField(decodeMessage(new Uint8Array(row.config)), 1);
      } catch {
        throw new ZipError(`The settings of note type "${row.name}" are damaged`);
      }
      return { id: row.id, name: row.name, kind };
    });
    decks = db.prepare("select id, name from decks").all() as { id: number; name: string }[];
  } else {
    const conf = parseJson(col.conf, "settings") as { schedVer?: unknown } | null;
    schedVer = typeof conf?.schedVer === "number" ? conf.schedVer : null;
    const models = (parseJson(col.models, "note types") ?? {}) as Record<
      string,
      { id?: unknown; name?: unknown; type?: unknown }
    >;
    notetypes = Object.entries(models).map(([id, model]) => ({
      id: Number(model.id ?? id),
      name: typeof model.name === "string" ? model.name : `note type ${id}`,
      kind: model.type === 1 ? 1 : 0,
    }));
    const deckMap = (parseJson(col.decks, "decks") ?? {}) as Record<string, { id?: unknown; name?: unknown }>;
    decks = Object.entries(deckMap).map(([id, deck]) => ({
      id: Number(deck.id ?? id),
      name: typeof deck.name === "string" ? deck.name : "",
    }));
  }
  db.defaultSafeIntegers(false);
  return {
    schedVer,
    notetypes,
    decks,
    notes: db.prepare("select id, guid, mid, tags, flds from notes").all() as AnkiCollectionRows["notes"],
    cards: db.prepare("select id, nid, did, odid, ord, queue from cards").all() as AnkiCollectionRows["cards"],
    revlog: db.prepare("select id, cid, ease, type, factor, time from revlog").all() as AnkiCollectionRows["revlog"],
    mediaNames,
  };
}

/** Reads a package's bytes. Every failure is a preview with one clear error; nothing is written anywhere. */
/**
 * better-sqlite3's errors, recognised by name rather than by class: the native addon keeps the
 * error class of the first copy of the module that loaded it, so where modules are loaded more
 * than once in a process (a test runner's per-file registry) `instanceof Database.SqliteError`
 * can be false for a real SQLite error (and so can `instanceof Error`, each copy having its own globals).
 */
function isSqliteError(error: unknown): error is { name: string; message: string } {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "SqliteError";
}

export function readAnkiPackage(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): ImportPreview {
  let unpacked;
  try {
    unpacked = unpackAnkiPackage(bytes);
  } catch (error) {
    if (error instanceof ZipError) return failedPreview(error.message);
    throw error;
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(Buffer.from(unpacked.collection.buffer, unpacked.collection.byteOffset, unpacked.collection.byteLength), {
      readonly: true,
    });
    const rows = readRows(db, unpacked.mediaNames, limits);
    return typeof rows === "string" ? failedPreview(rows) : mapAnkiCollection(rows);
  } catch (error) {
    if (error instanceof ZipError) return failedPreview(error.message);
    if (isSqliteError(error) || (error instanceof TypeError && db === null))
      return failedPreview(`The package's collection could not be read as an Anki collection (${error.message})`);
    throw error;
  } finally {
    db?.close();
  }
}
