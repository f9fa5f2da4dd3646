import "server-only";
import { parseTextImport } from "@/lib/import/text-file";
import type { ImportPreview } from "@/lib/import/types";
import { readAnkiPackage } from "./apkg";

export type ImportFormat = "anki-package" | "notes" | "mesa-deck" | "anki-text";

/**
 * Any importable file, from its name and bytes: a zip (by its `PK` signature, whatever its name)
 * or a `.apkg`/`.colpkg` is an Anki package, anything else is text (reading notes, a Mesa deck
 * file or an Anki text export). Pure apart from SQLite reading the package in memory.
 */
export function previewImportFile(fileName: string, bytes: Uint8Array): ImportPreview & { format: ImportFormat } {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip || /\.(apkg|colpkg)$/i.test(fileName)) return { ...readAnkiPackage(bytes), format: "anki-package" };
  const preview = parseTextImport(fileName, bytes);
  return { ...preview, format: preview.format ?? "notes" };
}
