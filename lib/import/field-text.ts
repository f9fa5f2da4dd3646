import { compile } from "html-to-text";

/*
 * Anki field content -> Mesa text. Fields are HTML fragments; Mesa stores plain text/markdown and
 * never HTML, so tags become line breaks or disappear, entities are decoded, and whatever was
 * markup (including <script> or event handlers in a shared deck) leaves no trace but its text.
 * MathJax `\(..\)` and `\[..\]` are text and stay verbatim.
 */

const SOUND = /\[sound:[^\]]*\]/i;
const IMAGE = /<img\b[^>]*>/i;
const MEDIA = /<(?:audio|video|object|source)\b[^>]*>/i;

const HTML_OPTIONS = {
  wordwrap: false as const,
  decodeEntities: true,
  selectors: [
    { selector: "img", format: "skip" },
    { selector: "audio", format: "skip" },
    { selector: "video", format: "skip" },
    { selector: "object", format: "skip" },
    { selector: "script", format: "skip" },
    { selector: "style", format: "skip" },
    { selector: "a", options: { ignoreHref: true } },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "h4", options: { uppercase: false } },
    { selector: "h5", options: { uppercase: false } },
    { selector: "h6", options: { uppercase: false } },
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
  ],
};

/** Compiled once: building the converter per field cost more than converting it. */
const convertHtml = compile(HTML_OPTIONS);

export interface FieldText {
  text: string;
  /** What had to be left out: "audio", "images". */
  dropped: ("audio" | "images")[];
}

/** Whether a text holds an HTML tag or comment (Anki's test for "this file is HTML"). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>|<!--/i.test(text);
}

/** One field as plain text. `html` false: the text is already plain (Anki's `#html:false`). */
export function fieldToText(field: string, html: boolean): FieldText {
  const dropped: FieldText["dropped"] = [];
  let text = field;
  if (SOUND.test(text)) {
    dropped.push("audio");
    text = text.replace(new RegExp(SOUND.source, "gi"), "");
  }
  if (html) {
    if (IMAGE.test(text)) dropped.push("images");
    if (MEDIA.test(text) && !dropped.includes("audio")) dropped.push("audio");
    // Text without markup or entities converts to itself, apart from white space: skip the converter.
    text = /[<&]/.test(text) ? convertHtml(text) : text.replace(/\s+/g, " ");
  }
  text = text
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
  return { text, dropped };
}

/** Anki's cloze deletion marks: `{{c1::answer}}`, `{{c2::answer::hint}}`. */
export function hasCloze(text: string): boolean {
  return /\{\{c\d+::/i.test(text);
}

/** The sentence that tells the learner what was left out of a concept. */
export function droppedNote(dropped: FieldText["dropped"]): string[] {
  return [...new Set(dropped)].map((what) => (what === "audio" ? "audio omitted" : "images omitted"));
}
