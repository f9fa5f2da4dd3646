import { parseAnkiText } from "./anki-text";
import { looksLikeMesaDeck, parseMesaDeck } from "./mesa-deck";
import { parseNotes } from "./notes";
import { failedPreview, IMPORT_LIMITS, type ImportPreview } from "./types";

export type TextImportFormat = "notes" | "mesa-deck" | "anki-text";

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    let length: number;
    let min: number;
    if (byte < 0x80) {
      i++;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) [length, min] = [2, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [length, min] = [3, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    if (i + length > bytes.length) return i;
    let code = byte & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
      code = code * 64 + (bytes[i + k] & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += length;
  }
  return -1;
}

/** A file's bytes as text: UTF-8 only (a BOM is dropped), within the size limit, or a sentence saying why not. */
export function decodeImportText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  if (bytes.length > IMPORT_LIMITS.maxFileBytes)
    return {
      ok: false,
      error: `The file is ${(bytes.length / 1024 / 1024).toFixed(0)} MB, more than the ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB an import takes`,
    };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, offset).reduce((count, byte) => count + (byte === 0x0a ? 1 : 0), 1);
    return {
      ok: false,
      error: `The file is not UTF-8 text (line ${line}, byte ${offset + 1} is not valid UTF-8): save it as UTF-8 and try again`,
    };
  }
}

/**
 * Which text importer a file goes to: `.tsv`/`.csv`/`.txt` with Anki's `#` headers or tab-separated
 * lines are Anki text; front matter with `## Term` sections is a Mesa deck; anything else is
 * reading notes.
 */
export function detectTextFormat(fileName: string, text: string): TextImportFormat {
  const name = fileName.toLowerCase();
  if (looksLikeMesaDeck(text)) return "mesa-deck";
  if (/\.(tsv|csv)$/.test(name)) return "anki-text";
  const head = text.replace(/^\uFEFF/, "").slice(0, 8192);
  if (/^#(separator|html|columns|deck|notetype|tags|guid column|deck column|notetype column|tags column):/im.test(head))
    return "anki-text";
  const lines = head.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length > 0 && lines.filter((line) => line.includes("\t")).length >= Math.ceil(lines.length * 0.8)) return "anki-text";
  return "notes";
}

/** A text file of any of the text formats, from its bytes. */
export function parseTextImport(fileName: string, bytes: Uint8Array): ImportPreview & { format?: TextImportFormat } {
  const decoded = decodeImportText(bytes);
  if (!decoded.ok) return failedPreview(decoded.error);
  const format = detectTextFormat(fileName, decoded.text);
  const preview =
    format === "mesa-deck"
      ? parseMesaDeck(decoded.text)
      : format === "anki-text"
        ? parseAnkiText(decoded.text)
        : parseNotes(decoded.text);
  return { ...preview, format };
}
