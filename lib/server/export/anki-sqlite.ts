import "server-only";
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import {
  confJson,
  dconfJson,
  decksJson,
  modelsJson,
  SCHEMA11_SQL,
  sortField,
  type AnkiCollectionData,
} from "@/lib/export/anki-schema";

/** Anki's field checksum: the first 4 bytes (big-endian) of SHA-1 of field 0 with HTML stripped. */
export function fieldChecksum(field: string): number {
  return createHash("sha1").update(sortField(field)).digest().readUInt32BE(0);
}

export type SqlValue = string | number | null;

/**
 * A schema-11 collection as SQL and the values of its rows, in the order they are inserted: what
 * writeSchema11Collection runs here, and what the .apkg builder process (scripts/apkg-build-child.cjs)
 * runs off the server's thread. Plain values only, so they pass to another process as they are.
 */
export interface CollectionPlan {
  schema: string;
  col: { sql: string; row: SqlValue[] };
  tables: { sql: string; rows: SqlValue[][] }[];
}

export function collectionPlan(data: AnkiCollectionData, fsrs?: { params: number[]; desiredRetention: number }): CollectionPlan {
  return {
    schema: SCHEMA11_SQL,
    col: {
      sql: "insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')",
      row: [data.crtSeconds, data.modMs, data.modMs, confJson(data), modelsJson(data), decksJson(data), dconfJson(data, fsrs)],
    },
    tables: [
      {
        sql: "insert into notes values (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, '')",
        rows: data.notes.map((note) => [
          note.id,
          note.guid,
          note.mid,
          note.modSeconds,
          note.tags.length > 0 ? ` ${note.tags.join(" ")} ` : "",
          note.fields.join("\x1f"),
          sortField(note.fields[0] ?? ""),
          fieldChecksum(note.fields[0] ?? ""),
        ]),
      },
      {
        sql: "insert into cards values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        rows: data.cards.map((card) => [
          card.id,
          card.nid,
          card.did,
          card.ord,
          Math.floor(data.modMs / 1000),
          card.type,
          card.queue,
          card.due,
          card.ivl,
          card.factor,
          card.reps,
          card.lapses,
          card.left,
          card.odue ?? 0,
          card.odid ?? 0,
          card.data ?? "",
        ]),
      },
      {
        sql: "insert into revlog values (?, ?, 0, ?, ?, ?, ?, ?, ?)",
        rows: data.revlog.map((row) => [row.id, row.cid, row.ease, row.ivl, row.lastIvl, row.factor, row.time, row.type]),
      },
    ],
  };
}

/**
 * A schema-11 Anki collection as SQLite bytes. Built in memory and serialized, so the bytes are
 * complete (no WAL file beside them) and the header says rollback journal, as Anki writes legacy exports.
 */
export function writeSchema11Collection(
  data: AnkiCollectionData,
  fsrs?: { params: number[]; desiredRetention: number },
): Uint8Array {
  const plan = collectionPlan(data, fsrs);
  const db = new Database(":memory:");
  try {
    db.exec(plan.schema);
    db.prepare(plan.col.sql).run(...plan.col.row);
    db.transaction(() => {
      for (const table of plan.tables) {
        const insert = db.prepare(table.sql);
        for (const row of table.rows) insert.run(...row);
      }
    })();
    return new Uint8Array(db.serialize());
  } finally {
    db.close();
  }
}
