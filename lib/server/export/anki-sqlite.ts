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

/**
 * A schema-11 Anki collection as SQLite bytes. Built in memory and serialized, so the bytes are
 * complete (no WAL file beside them) and the header says rollback journal, as Anki writes legacy exports.
 */
export function writeSchema11Collection(
  data: AnkiCollectionData,
  fsrs?: { params: number[]; desiredRetention: number },
): Uint8Array {
  const db = new Database(":memory:");
  try {
    db.exec(SCHEMA11_SQL);
    db.prepare("insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')").run(
      data.crtSeconds,
      data.modMs,
      data.modMs,
      confJson(data),
      modelsJson(data),
      decksJson(data),
      dconfJson(data, fsrs),
    );
    const insertNote = db.prepare("insert into notes values (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, '')");
    const insertCard = db.prepare("insert into cards values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)");
    const insertReview = db.prepare("insert into revlog values (?, ?, 0, ?, ?, ?, ?, ?, ?)");
    db.transaction(() => {
      for (const note of data.notes) {
        insertNote.run(
          note.id,
          note.guid,
          note.mid,
          note.modSeconds,
          note.tags.length > 0 ? ` ${note.tags.join(" ")} ` : "",
          note.fields.join("\x1f"),
          sortField(note.fields[0] ?? ""),
          fieldChecksum(note.fields[0] ?? ""),
        );
      }
      for (const card of data.cards) {
        insertCard.run(
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
        );
      }
      for (const row of data.revlog)
        insertReview.run(row.id, row.cid, row.ease, row.ivl, row.lastIvl, row.factor, row.time, row.type);
    })();
    return new Uint8Array(db.serialize());
  } finally {
    db.close();
  }
}
