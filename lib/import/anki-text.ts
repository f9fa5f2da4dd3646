import Papa from "papaparse";
import { slugify } from "@/lib/decks/parse-deck";
import { droppedNote, fieldToText, hasCloze, looksLikeHtml } from "./field-text";
import { emptyPreview, failedPreview, IMPORT_LIMITS, type ImportedConcept, type ImportPreview } from "./types";

/*
 * Anki's "Notes in Plain Text" files (and any two-column TSV/CSV), read as Anki reads them
 * (ankitects/anki rslib/src/import_export/text/csv/metadata.rs and import.rs): `#key:value` header
 * lines at the top, then CSV records with the separator they name (or the one Anki would guess).
 * The first field of a note is the term, the second the definition; tags are kept, cloze notes
 * are skipped and counted, fields' HTML becomes plain text.
 */

const SEPARATOR_NAMES: Record<string, string> = {
  tab: "\t",
  comma: ",",
  semicolon: ";",
  pipe: "|",
  space: " ",
  colon: ":",
};
/** Anki's guessing order when a file names no separator (the proto enum order). */
const GUESS_ORDER = ["\t", "|", ";", ":", ",", " "];
const GUESS_WINDOW = 8 * 1024;
const MAX_COLUMNS = 1000;

export interface AnkiTextHeaders {
  separator?: string;
  html?: boolean;
  tags: string[];
  columns?: string[];
  deck?: string;
  notetype?: string;
  deckColumn?: number;
  notetypeColumn?: number;
  tagsColumn?: number;
  guidColumn?: number;
}

type HeaderResult = { ok: true; headers: AnkiTextHeaders; bodyStart: number; bodyLine: number } | { ok: false; error: string };

function readHeaders(text: string): HeaderResult {
  const headers: AnkiTextHeaders = { tags: [] };
  let offset = 0;
  let line = 1;
  let columnsText: string | undefined;
  for (;;) {
    const end = text.indexOf("\n", offset);
    const raw = text.slice(offset, end === -1 ? text.length : end).replace(/\r$/, "");
    const header = raw.match(/^#([a-z ]+):(.*)$/i);
    // The legacy first line `tags:a b` adds tags to every note.
    const legacyTags = line === 1 ? raw.match(/^tags:(.*)$/i) : null;
    if (!header && !legacyTags) break;
    if (legacyTags) headers.tags.push(...legacyTags[1].split(/\s+/).filter(Boolean));
    else {
      const key = header![1].trim().toLowerCase();
      const value = header![2].trim();
      const column = () => {
        const n = Number(value);
        return Number.isInteger(n) && n >= 1 ? n : null;
      };
      switch (key) {
        case "separator": {
          const separator = SEPARATOR_NAMES[value.toLowerCase()] ?? (value.length === 1 ? value : null);
          if (separator === null)
            return {
              ok: false,
              error: `Line ${line}: unknown separator "${value}" (use Tab, Comma, Semicolon, Pipe, Space, Colon or one character)`,
            };
          headers.separator = separator;
          break;
        }
        case "html":
          if (!/^(true|false)$/i.test(value))
            return { ok: false, error: `Line ${line}: #html must be true or false, not "${value}"` };
          headers.html = value.toLowerCase() === "true";
          break;
        case "tags":
          headers.tags.push(...value.split(/\s+/).filter(Boolean));
          break;
        case "columns":
          columnsText = value;
          break;
        case "deck":
          headers.deck = value;
          break;
        case "notetype":
          headers.notetype = value;
          break;
        case "deck column":
        case "notetype column":
        case "tags column":
        case "guid column": {
          const n = column();
          if (n === null)
            return { ok: false, error: `Line ${line}: #${key} must be a column number (1 or more), not "${value}"` };
          const field = {
            "deck column": "deckColumn",
            "notetype column": "notetypeColumn",
            "tags column": "tagsColumn",
            "guid column": "guidColumn",
          } as const;
          headers[field[key]] = n;
          break;
        }
        // Unknown keys (and `match scope`, `if matches`, which concern Anki's own collection) are ignored, as Anki does.
        default:
          break;
      }
    }
    if (end === -1) {
      offset = text.length;
      line++;
      break;
    }
    offset = end + 1;
    line++;
  }
  const body = text.slice(offset);
  headers.separator ??= GUESS_ORDER.find((candidate) => body.slice(0, GUESS_WINDOW).includes(candidate)) ?? " ";
  // Column names are split with the separator, so `#separator` must come before `#columns` in a file; here order does not matter.
  if (columnsText !== undefined) headers.columns = columnsText.split(headers.separator).map((name) => name.trim());
  return { ok: true, headers, bodyStart: offset, bodyLine: line };
}

/** The 1-based line on which the record starting at `offset` of `body` begins, skipping blank and comment lines. */
function lineAt(body: string, offset: number, firstLine: number, newlineOffsets: number[]): number {
  let position = offset;
  for (;;) {
    while (position < body.length && (body[position] === "\n" || body[position] === "\r")) position++;
    if (body[position] !== "#") break;
    const end = body.indexOf("\n", position);
    if (end === -1) break;
    position = end + 1;
  }
  // Binary search for the number of newlines before `position`.
  let low = 0;
  let high = newlineOffsets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (newlineOffsets[mid] < position) low = mid + 1;
    else high = mid;
  }
  return firstLine + low;
}

function deckName(name: string): string {
  return name
    .split("::")
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" / ");
}

/** Anki's hierarchical tags (`a::b`) and any other tag as Mesa's lowercase slugs. */
export function ankiTagsToSlugs(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => slugify(tag.replace(/::/g, "-"))).filter(Boolean))];
}

/** Parses an Anki text export or a plain two-column TSV/CSV file. */
export function parseAnkiText(input: string): ImportPreview {
  const text = input.replace(/^\uFEFF/, "");
  if (text.trim() === "") return failedPreview("The file is empty");
  const head = readHeaders(text);
  if (!head.ok) return failedPreview(head.error);
  const { headers, bodyStart, bodyLine } = head;
  const body = text.slice(bodyStart);
  const newlineOffsets: number[] = [];
  for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) newlineOffsets.push(i);

  // A first line with thousands of columns means the separator is wrong (a guessed space in prose):
  // refused before the CSV parser splits megabytes into fields.
  const firstLine = body.slice(0, (body.indexOf("\n") + 1 || body.length + 1) - 1);
  const columns = firstLine.split(headers.separator!).length;
  if (columns > MAX_COLUMNS)
    return failedPreview(
      `Line ${bodyLine}: ${columns.toLocaleString("en")} columns separated by ${JSON.stringify(headers.separator)}: more than ${MAX_COLUMNS.toLocaleString("en")}, so the separator is probably wrong`,
    );
  const records: { fields: string[]; line: number }[] = [];
  const parseErrors: string[] = [];
  let previousCursor = 0;
  let tooMany = false;
  Papa.parse<string[]>(body, {
    delimiter: headers.separator,
    quoteChar: '"',
    // Any unquoted record that starts with # is a comment, anywhere in the file.
    comments: "#",
    skipEmptyLines: true,
    step: (result, parser) => {
      const line = lineAt(body, previousCursor, bodyLine, newlineOffsets);
      previousCursor = result.meta.cursor;
      for (const error of result.errors) parseErrors.push(`Line ${line}: ${error.message}`);
      records.push({ fields: result.data, line });
      if (records.length > IMPORT_LIMITS.maxNotes) {
        tooMany = true;
        parser.abort();
      }
    },
  });
  if (tooMany)
    return failedPreview(
      `The file has more than ${IMPORT_LIMITS.maxNotes.toLocaleString("en")} notes, the most one import takes`,
    );
  if (parseErrors.length > 0) return { ...emptyPreview(), errors: parseErrors.slice(0, 20) };
  if (records.length === 0) return failedPreview("The file has header lines but no notes");

  // The first record fixes the column count; shorter rows are padded, longer ones cut (Anki's reader is "flexible").
  const width = records[0].fields.length;
  const special = new Set(
    [headers.deckColumn, headers.notetypeColumn, headers.guidColumn, headers.tagsColumn].filter((n) => n !== undefined),
  );
  for (const n of special) {
    if (n > width)
      return failedPreview(
        `Line ${records[0].line}: the header names column ${n}, but the notes have ${width} column${width === 1 ? "" : "s"}`,
      );
  }
  let fieldColumns = Array.from({ length: width }, (_, i) => i + 1).filter((n) => !special.has(n));
  let tagsColumn = headers.tagsColumn;
  if (headers.columns) {
    // `#columns` names each column: a column named Tags holds the tags (Anki's export writes the name "Tags").
    const named = headers.columns.findIndex((name) => name.toLowerCase() === "tags") + 1;
    if (tagsColumn === undefined && named > 0) {
      tagsColumn = named;
      fieldColumns = fieldColumns.filter((n) => n !== named);
    }
  } else if (tagsColumn === undefined && fieldColumns.length >= 3) {
    // Without a tags column, Anki takes the first column after the note type's fields; for its
    // Basic note type (two fields) that is the third.
    tagsColumn = fieldColumns[2];
    fieldColumns = fieldColumns.filter((n) => n !== tagsColumn);
  }
  if (fieldColumns.length < 2)
    return failedPreview(
      `Line ${records[0].line}: a note needs two columns (term and definition) but this file has ${fieldColumns.length}${headers.separator === " " ? "" : ` separated by ${JSON.stringify(headers.separator)}`}`,
    );

  // Without `#html`, the file is HTML if any field of its first five records holds a tag or comment.
  const html = headers.html ?? records.slice(0, 5).some((record) => record.fields.some(looksLikeHtml));
  const preview = emptyPreview({ deckName: headers.deck ? deckName(headers.deck) : undefined });
  let clozes = 0;
  const dropped = { audio: 0, images: 0 };
  const at = (fields: string[], column: number | undefined) => (column === undefined ? "" : (fields[column - 1] ?? "").trim());

  for (const { fields, line } of records) {
    const notetype = at(fields, headers.notetypeColumn) || headers.notetype || "";
    const [rawTerm, rawDefinition] = fieldColumns.map((n) => fields[n - 1] ?? "");
    const summary = fields.join(" | ").slice(0, 200);
    // Cloze notes have no term and definition: they are counted and listed, not guessed at.
    if (/cloze/i.test(notetype) || hasCloze(rawTerm) || hasCloze(rawDefinition ?? "")) {
      clozes++;
      preview.skipped.push({ line, text: summary, reason: "a cloze note (Mesa cards have a term and a definition)" });
      continue;
    }
    const term = fieldToText(rawTerm, html);
    const definition = fieldToText(rawDefinition ?? "", html);
    if (!term.text) {
      preview.skipped.push({ line, text: summary, reason: "the first field (the term) is empty" });
      continue;
    }
    if (!definition.text) {
      preview.skipped.push({ line, text: summary, reason: "the second field (the definition) is empty" });
      continue;
    }
    if (term.text.length > IMPORT_LIMITS.maxTermChars) {
      preview.skipped.push({ line, text: summary, reason: `the term is longer than ${IMPORT_LIMITS.maxTermChars} characters` });
      continue;
    }
    if (definition.text.length > IMPORT_LIMITS.maxDefinitionChars) {
      preview.skipped.push({
        line,
        text: summary,
        reason: `the definition is longer than ${IMPORT_LIMITS.maxDefinitionChars} characters`,
      });
      continue;
    }
    const lost = [...term.dropped, ...definition.dropped];
    if (lost.includes("audio")) dropped.audio++;
    if (lost.includes("images")) dropped.images++;
    const rowDeck = at(fields, headers.deckColumn);
    const guid = at(fields, headers.guidColumn);
    const concept: ImportedConcept = {
      term: term.text,
      definition: definition.text,
      aliases: [],
      examples: [],
      tags: ankiTagsToSlugs([...headers.tags, ...at(fields, tagsColumn).split(/\s+/).filter(Boolean)]),
      line,
      ...(guid ? { guid } : {}),
      ...(rowDeck ? { deckName: deckName(rowDeck) } : {}),
      ...(lost.length > 0 ? { notes: droppedNote(lost) } : {}),
    };
    preview.concepts.push(concept);
  }
  if (clozes > 0) preview.warnings.push(`${clozes} cloze note${clozes === 1 ? "" : "s"} skipped`);
  if (dropped.audio > 0) preview.warnings.push(`Audio omitted from ${dropped.audio} note${dropped.audio === 1 ? "" : "s"}`);
  if (dropped.images > 0) preview.warnings.push(`Images omitted from ${dropped.images} note${dropped.images === 1 ? "" : "s"}`);
  if (preview.concepts.length === 0 && preview.skipped.length > 0)
    preview.errors.push("No note in the file can become a concept: see the skipped list");
  return preview;
}
