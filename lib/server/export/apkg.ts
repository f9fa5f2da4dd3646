import "server-only";
import { zipSync } from "fflate";
import { toAnkiCollection, type ApkgExportInput } from "@/lib/export/apkg-data";
import { writeSchema11Collection } from "./anki-sqlite";

/**
 * An .apkg of one deck with its cards' schedules and review history, in the legacy layout every
 * Anki since 2.1 and the current importer read (ANKI.md section 6, genanki's shape):
 * `collection.anki2` in schema 11 with `schedVer: 2`, and an empty media map. Schema 18 is not
 * written: it needs protobuf blobs and Anki's own collation, and older clients cannot read it.
 */
export function writeApkg(input: ApkgExportInput, fsrs?: { params: number[]; desiredRetention: number }): Uint8Array {
  return zipSync({
    "collection.anki2": [writeSchema11Collection(toAnkiCollection(input), fsrs), { level: 6 }],
    media: [new TextEncoder().encode("{}"), { level: 0 }],
  });
}
