import Papa from "papaparse";
import type { ExportConcept } from "./types";

/*
 * Concepts as an Anki "Notes in Plain Text" file that Anki imports with no questions asked:
 * `#separator:tab`, `#html:false` (fields are plain text: Anki escapes them itself), `#columns`,
 * `#deck` and `#tags column` headers, one note per line. A field holding a tab, a line break or a
 * quote is quoted, as is a first field starting with `#` (unquoted, Anki would read a comment).
 */
export function writeAnkiText(deckName: string, concepts: readonly ExportConcept[]): string {
  return `${ankiTextHeader(deckName)}${ankiTextRows(concepts)}\n`;
}

/** The `#` header lines, each with its line end. */
export function ankiTextHeader(deckName: string): string {
  const headers = [
    "#separator:tab",
    "#html:false",
    "#columns:Front\tBack\tTags",
    `#deck:${deckName.replace(/\s*\n\s*/g, " ")}`,
    "#tags column:3",
  ];
  return `${headers.join("\n")}\n`;
}

/**
 * The note lines of `concepts`, joined by line ends, with none after the last (a download streamed
 * in pages writes a line end between two pages' lines, and one at the end).
 */
export function ankiTextRows(concepts: readonly ExportConcept[]): string {
  const rows = concepts.map((concept) => [concept.term, concept.definition, concept.tags.join(" ")]);
  return Papa.unparse(rows, {
    delimiter: "\t",
    newline: "\n",
    quotes: (value: unknown, column: number) => column === 0 && String(value).startsWith("#"),
  });
}
