import "server-only";
import { zipSync, type Zippable } from "fflate";
import { toAnkiCollection, type ApkgExportInput } from "@/lib/export/apkg-data";
import { writeSchema11Collection } from "./anki-sqlite";

/**
 * The package's files in order: [name, bytes (null: the collection), deflate level]. The empty
 * media map is stored, not compressed.
 */
export const APKG_ENTRIES: readonly [string, Uint8Array | null, number][] = [
  ["collection.anki2", null, 6],
  ["media", new TextEncoder().encode("{}"), 0],
];

/**
 * An .apkg of one deck with its cards' schedules and review history, in the legacy layout every
 * Anki since 2.1 and the current importer read (ANKI.md section 6, genanki's shape):
 * `collection.anki2` in schema 11 with `schedVer: 2`, and an empty media map. Schema 18 is not
 * written: it needs protobuf blobs and Anki's own collation, and older clients cannot read it.
 * The server builds it off its thread (apkg-process.ts) from the same parts.
 */
export function writeApkg(input: ApkgExportInput, fsrs?: { params: number[]; desiredRetention: number }): Uint8Array {
  const collection = writeSchema11Collection(toAnkiCollection(input), fsrs);
  const files: Zippable = {};
  for (const [name, bytes, level] of APKG_ENTRIES) files[name] = [bytes ?? collection, { level: level as 0 | 6 }];
  return zipSync(files);
}
