import { slugify } from "@/lib/decks/parse-deck";
import { emptyPreview, IMPORT_LIMITS, type ImportedConcept, type ImportPreview, type SkippedItem } from "./types";

/*
 * Reading notes (markdown or plain text) -> concepts. Every line is either part of a concept, a
 * heading, blank, or listed as skipped with its reason: nothing is dropped silently. The rules are
 * deliberately few and each is written down beside its code, so a surprising result can be
 * explained from the line that caused it. When in doubt a line is skipped, not guessed: the
 * learner sees the skipped list and can fix the line, but a wrong concept is one more card to
 * notice and delete.
 */

/** The most words a term may have: more and the text before the separator reads as a sentence. */
const MAX_TERM_WORDS = 6;
/** A line longer than this is a pasted blob, not a definition; it is skipped before any pattern runs on it. */
const MAX_LINE_CHARS = 10_000;
/** A definition needs at least this many words: "Date: 2024" or "Status: done" are labels, not definitions. */
const MIN_DEFINITION_WORDS = 2;

/*
 * Words that, before a colon, make a label rather than a term: "Note: see below", "Q: ...",
 * "TODO: ...". Compared case-insensitively with the whole term.
 */
const LABELS = new Set(
  [
    // Days and dates head a diary entry or a schedule ("Monday: reading group"), not a definition.
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tomorrow",
    "yesterday",
    "tonight",
    "note",
    "notes",
    "nb",
    "n.b.",
    "ps",
    "p.s.",
    "see",
    "see also",
    "q",
    "a",
    "question",
    "answer",
    "todo",
    "to do",
    "fixme",
    "update",
    "edit",
    "edited",
    "warning",
    "caution",
    "tip",
    "important",
    "summary",
    "tl;dr",
    "tldr",
    "date",
    "time",
    "author",
    "authors",
    "by",
    "link",
    "links",
    "url",
    "source",
    "sources",
    "ref",
    "refs",
    "reference",
    "references",
    "title",
    "status",
    "tags",
    "tag",
    "example",
    "examples",
    "e.g",
    "eg",
    "i.e",
    "ie",
    "cf",
    "also",
    "read",
    "reading",
    "paper",
    "papers",
    "chapter",
    "section",
    "page",
    "pages",
    "pp",
    "p",
    "quote",
    "idea",
    "ideas",
    "thought",
    "thoughts",
    "takeaway",
    "takeaways",
    "key point",
    "key points",
    "main point",
    "problem",
    "solution",
    "why",
    "how",
    "what",
    "when",
    "where",
    "who",
    "result",
    "results",
    "conclusion",
    "overview",
    "background",
    "abstract",
    "introduction",
    "intro",
    "context",
    "claim",
    "argument",
    "aside",
    "comment",
    "comments",
    "remember",
    "reminder",
    "open question",
    "open questions",
  ].map((word) => word.toLowerCase()),
);

/** Last words that make a label of what comes before them: "Evolution example:", "Open question:". */
const LABEL_ENDINGS = new Set([
  "example",
  "examples",
  "note",
  "notes",
  "question",
  "questions",
  "idea",
  "ideas",
  "summary",
  "takeaway",
  "takeaways",
  "todo",
]);

/** First words of a sentence's opening phrase, never of a term. */
const SENTENCE_OPENERS = new Set([
  "after",
  "before",
  "during",
  "in",
  "on",
  "at",
  "for",
  "from",
  "with",
  "without",
  "when",
  "while",
  "since",
  "until",
  "as",
  "by",
  "about",
  "according",
  "regarding",
  "then",
  "also",
  "and",
  "or",
  "but",
  "so",
  "because",
  "however",
  "therefore",
  "thus",
  "here",
  "there",
  "once",
  "if",
  "unlike",
  "like",
]);

const termWordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

/*
 * Words that never occur in a term but often in a sentence's first words ("We argue that: ...",
 * "This is the key: ..."). A term containing one is a sentence, not a term.
 */
const SENTENCE_WORDS = new Set([
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "being",
  "am",
  "i",
  "we",
  "you",
  "they",
  "he",
  "she",
  "it",
  "this",
  "that",
  "these",
  "those",
  "there",
  "here",
  "my",
  "our",
  "your",
  "their",
  "his",
  "her",
  "its",
  "can",
  "could",
  "should",
  "would",
  "will",
  "must",
  "may",
  "might",
  "do",
  "does",
  "did",
  "has",
  "have",
  "had",
  "not",
  "but",
  "because",
  "so",
  "if",
  "then",
  "than",
  "which",
  "who",
  "whom",
  "whose",
  "says",
  "said",
  "argue",
  "argues",
  "think",
  "thinks",
  "point",
  "means",
]);

/*
 * Headings that name a part of a document, never a concept: a `## Summary` with a paragraph under
 * it is not a card.
 */
const SECTION_HEADINGS = new Set([
  "introduction",
  "intro",
  "summary",
  "overview",
  "notes",
  "note",
  "references",
  "bibliography",
  "sources",
  "background",
  "abstract",
  "conclusion",
  "conclusions",
  "discussion",
  "questions",
  "open questions",
  "todo",
  "glossary",
  "definitions",
  "terms",
  "key terms",
  "vocabulary",
  "contents",
  "table of contents",
  "appendix",
  "related work",
  "further reading",
  "reading",
  "links",
  "takeaways",
  "key takeaways",
  "thoughts",
  "misc",
  "miscellaneous",
  "examples",
  "methods",
  "results",
  "preface",
  "foreword",
  "acknowledgements",
  "acknowledgments",
]);

const URL = /\b(?:https?:\/\/|www\.)\S+/i;
const URL_ONLY = /^<?(?:https?:\/\/|www\.)\S+>?$|^\[[^\]]*\]\((?:https?:\/\/|www\.)[^)]*\)$/i;
const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
/** A list marker at the start of a line: `- `, `* `, `+ `, `1. `, `1) `. */
const LIST_MARKER = /^(?:[-*+]|\d{1,3}[.)])\s+/;
/** `Example: ...`, `e.g. ...`, `**Example:** ...`. */
const EXAMPLE = /^(?:\*\*|__)?(?:example|e\.g\.?|eg)(?:\*\*|__)?\s*[:.,-]?(?:\*\*|__)?\s+(.+)$/i;
const FENCE = /^\s*(```|~~~)/;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/;
/** Indented by two or more spaces or a tab: a continuation of the line above. */
const INDENTED = /^(?: {2,}|\t)\S/;
/** A markdown definition list's definition line: `: text`. */
const DEFINITION_LIST_LINE = /^\s{0,3}:\s+(.+)$/;

/*
 * Term and definition separators, tried in this order on a line without its list marker:
 * 1. `**Term**: def`, `**Term:** def`, `**Term** — def`, `**Term** - def` (also `__Term__`): the
 *    bold marks the term, so only the term-shape checks apply to it.
 * 2. `Term : def` (a colon with a space on both sides): the spaced colon is a deliberate separator.
 * 3. `Term — def`, `Term – def`, `Term -- def`, `Term - def` (a dash with spaces on both sides).
 * 4. `Term: def` (a colon followed by a space): the most common and the most ambiguous, so the
 *    term-shape checks matter most here. A colon followed by anything but a space is not a
 *    separator: 10:30, https://, ratio 3:1.
 */
const BOLD = /^(\*\*|__)(.+?)\1(.*)$/;
const AFTER_BOLD = /^\s*(?::|—|–|--|-)\s*(.*)$/;
const SPACED_COLON = /^(.+?)\s+:\s+(.+)$/;
const DASH = /^(.+?)\s+(?:—|–|--|-)\s+(.+)$/;
const EM_DASH_TIGHT = /^([^—]+?)—(.+)$/;
const COLON = /^(.+?):(?:\s+(.*))?$/;

type TermCheck = { ok: true; term: string } | { ok: false; reason: string };

/** Markdown emphasis and code marks around or inside a term. */
function stripMarks(text: string): string {
  return text
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, "$2")
    .replace(/^[*_`]+|[*_`]+$/g, "")
    .trim();
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Whether `raw` can be a term, and why not. */
function checkTerm(raw: string): TermCheck {
  const term = stripMarks(raw).replace(/\s+/g, " ").trim();
  // An empty term or one without a letter ("2019 - ...", "1.2: ...") is a number or a date.
  if (!/\p{L}/u.test(term)) return { ok: false, reason: "no term before the separator" };
  // A label such as "Note", "Q" or "TODO" announces text; it is not a concept.
  if (LABELS.has(term.toLowerCase().replace(/[.:]+$/, ""))) return { ok: false, reason: `"${term}:" is a label, not a term` };
  // A term never opens with a preposition or conjunction; a sentence does ("After the talk: ...").
  if (SENTENCE_OPENERS.has(termWordsOf(term)[0]?.toLowerCase() ?? "") && termWordsOf(term).length > 1)
    return { ok: false, reason: "the text before the separator reads as a sentence, not a term" };
  // "Evolution example", "Open question": a label with a qualifier before it.
  if (LABEL_ENDINGS.has(termWordsOf(term).at(-1)?.toLowerCase() ?? ""))
    return { ok: false, reason: `"${term}:" is a label, not a term` };
  // A word and a number ("Step 1", "Figure 2", "Table 3") numbers an item; it names no concept.
  if (/^\p{L}+\.?\s+\d+[a-z]?$/iu.test(term)) return { ok: false, reason: `"${term}" numbers an item, it is not a term` };
  // A date or a clock time ("Meeting 2024-03-01 14:00 - 15:30") is a log entry, not a term.
  if (/\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}/.test(term)) return { ok: false, reason: "a date or time, not a term" };
  // A URL before the separator is a reference.
  if (URL.test(term)) return { ok: false, reason: "a link, not a definition" };
  // Sentence punctuation (. ? ! ;) or a comma inside means the text before the separator is prose.
  if (/[?!;]|[.,]\s/.test(term) || /[.?!]$/.test(term))
    return { ok: false, reason: "the text before the separator is a sentence, not a term" };
  const termWords = words(term);
  // A long run of words before the separator is a sentence with a colon deep inside it.
  if (termWords.length > MAX_TERM_WORDS)
    return {
      ok: false,
      reason: `the text before the separator has ${termWords.length} words, more than a term's ${MAX_TERM_WORDS}`,
    };
  // Pronouns, auxiliaries and the like belong to sentences ("This is the key: ..."), not to terms.
  if (termWords.some((word) => SENTENCE_WORDS.has(word.toLowerCase().replace(/[^\p{L}']/gu, ""))))
    return { ok: false, reason: "the text before the separator reads as a sentence, not a term" };
  if (term.length > IMPORT_LIMITS.maxTermChars) return { ok: false, reason: "the term is too long" };
  return { ok: true, term };
}

function checkDefinition(definition: string): string | null {
  // A question after the separator ("Why: does it generalise?") is a question, not a definition.
  if (/\?\s*$/.test(definition) && words(definition).length < 12) return "a question, not a definition";
  if (URL_ONLY.test(definition.trim())) return "a link, not a definition";
  // Text in the first person after a name ("Alice: I think it generalises") is a remark or a chat line.
  if (/^(?:i|i'm|i've|we|we're|you|my|our)\b/i.test(definition.trim())) return "a remark in the first person, not a definition";
  return null;
}

interface Split {
  term: string;
  definition: string;
}

type LineVerdict = { kind: "definition"; split: Split } | { kind: "skip"; reason: string };

/** `**Term**: def`, `**Term:** def`, `**Term** — def`: the term and definition, or null if the bold is emphasis in prose. */
function splitBold(text: string): [string, string] | null {
  const bold = text.match(BOLD);
  if (!bold) return null;
  if (bold[2].trim().endsWith(":")) return [bold[2].trim().slice(0, -1), bold[3]];
  const rest = bold[3].match(AFTER_BOLD);
  return rest ? [bold[2], rest[1]] : null;
}

/** A line (without its list marker) as a term and definition, or why it is not one. */
function splitDefinitionLine(text: string): LineVerdict {
  const attempts: ([string, string] | null)[] = [
    splitBold(text),
    (text.match(SPACED_COLON)?.slice(1, 3) as [string, string] | undefined) ?? null,
    (text.match(DASH)?.slice(1, 3) as [string, string] | undefined) ?? null,
    (text.match(EM_DASH_TIGHT)?.slice(1, 3) as [string, string] | undefined) ?? null,
    (text.match(COLON)?.slice(1, 3) as [string, string] | undefined) ?? null,
  ];
  let firstReason: string | null = null;
  for (const attempt of attempts) {
    if (!attempt) continue;
    const check = checkTerm(attempt[0]);
    const definition = (attempt[1] ?? "").trim();
    if (!check.ok) {
      firstReason ??= check.reason;
      continue;
    }
    const definitionProblem = definition ? checkDefinition(definition) : null;
    if (definitionProblem) {
      firstReason ??= definitionProblem;
      continue;
    }
    return { kind: "definition", split: { term: check.term, definition } };
  }
  return { kind: "skip", reason: firstReason ?? "prose, not a definition" };
}

/** Why a line that is not a definition was left out. */
function proseReason(text: string): string {
  const trimmed = text.trim();
  if (URL_ONLY.test(trimmed)) return "a link on its own, with nothing to define";
  // Questions: "Q: ...", or a line ending in a question mark.
  if (/^(?:q|question)\s*[:.]/i.test(trimmed) || /\?\s*$/.test(trimmed)) return "a question, not a definition";
  if (/^(?:a|answer)\s*:/i.test(trimmed)) return "an answer line, not a definition";
  // References: "[1] ...", "(Author, 2019)", "et al.", "doi:", "arXiv:".
  if (/^\[\d+\]|\bet al\.|\bdoi:|\barxiv:|\(\s*[A-Z][\p{L}-]+(?:\s+(?:&|and)\s+[A-Z][\p{L}-]+)?,?\s+\d{4}\s*\)/iu.test(trimmed))
    return "a reference, not a definition";
  return "prose, not a definition";
}

function isTermLine(text: string): boolean {
  return checkTerm(text).ok && !/[:—]/.test(text) && words(text).length <= MAX_TERM_WORDS;
}

interface Draft {
  concept: ImportedConcept;
  /** Began as a bare `Term:` line: the lines under it, up to a blank line, are its definition. */
  takesParagraph?: boolean;
  /** Continuation lines are joined in; a later `: text` line of a definition list is a new paragraph. */
  parts: string[];
}

/** One line of the source with its number. */
interface Line {
  number: number;
  text: string;
}

function joinParts(parts: string[]): string {
  return parts
    .filter((part) => part.trim() !== "")
    .reduce((joined, part) => {
      const paragraph = part.startsWith("\n\n");
      part = part.trim();
      if (!joined) return part;
      if (paragraph) return `${joined}\n\n${part}`;
      // A continuation that is a list item keeps its own line; prose continues the sentence.
      return LIST_MARKER.test(part) ? `${joined}\n${part}` : `${joined} ${part}`;
    }, "");
}

/**
 * A section heading as a tag: the words of a link rather than its address (`[Title](url)`,
 * `[url | Title]`), without bare URLs, slugified.
 */
function headingTag(text: string): string | undefined {
  const link = text.match(/^\[([^\]]*)\]\([^)]*\)$/) ?? text.match(/^\[([^\]]*)\]$/);
  let words = link ? link[1] : text;
  if (words.includes("|")) words = words.split("|").find((part) => !URL.test(part) && part.trim() !== "") ?? "";
  return slugify(stripMarks(words.replace(new RegExp(URL.source, "gi"), " "))) || undefined;
}

/** Whether a `## Heading` is a concept: a term-like heading whose section is only a paragraph of prose. */
function headingIsConcept(level: number, text: string, body: Line[]): boolean {
  // `#` is the document's title.
  if (level < 2) return false;
  const term = stripMarks(text);
  // "Summary", "References", "Open questions": parts of a document.
  if (SECTION_HEADINGS.has(term.toLowerCase().replace(/[:.]$/, ""))) return false;
  // Numbered sections ("2. Method", "Chapter 3") are structure, not concepts.
  if (/^(?:\d+(?:\.\d+)*\.?\s|chapter\b|part\b|section\b|week\b|day\b|lecture\b)/i.test(term)) return false;
  if (!checkTerm(term).ok || /[:?]$/.test(term)) return false;
  const content = body.filter((line) => line.text.trim() !== "");
  if (content.length === 0) return false;
  // A section that opens with a quotation ("> ...", or a quoted passage) quotes the source: it defines nothing.
  if (/^(?:>|[*_]*["“'‘])/.test(content[0].text.trim())) return false;
  // A section holding definition lines or a list is a group of concepts: its heading is a tag.
  return content.every((line) => {
    const text = line.text.trim();
    if (LIST_MARKER.test(text) || DEFINITION_LIST_LINE.test(line.text) || FENCE.test(text) || URL_ONLY.test(text)) return false;
    return splitDefinitionLine(text).kind === "skip";
  });
}

/**
 * Parses reading notes: each concept keeps its source line, and the headings above it become its
 * tags (slugified). A text with no concept at all comes back with one error saying so.
 */
export function parseNotes(text: string): ImportPreview {
  const preview = emptyPreview();
  if (text.length > IMPORT_LIMITS.maxFileBytes) {
    preview.errors.push(`The text is longer than the ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB an import takes`);
    return preview;
  }
  const lines: Line[] = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ number: index + 1, text: line }));
  // The section headings above the current line: level -> tag.
  const sections: (string | undefined)[] = [];
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  let inFence = false;

  const skip = (line: Line, reason: string) => {
    preview.skipped.push({ line: line.number, text: line.text.trim().slice(0, 200), reason });
  };
  const tags = () => [...new Set(sections.filter((tag): tag is string => Boolean(tag)))];
  const start = (line: Line, term: string, definition: string): Draft => {
    const draft: Draft = {
      concept: { term, definition: "", aliases: [], examples: [], tags: tags(), line: line.number },
      parts: definition ? [definition] : [],
      takesParagraph: definition === "",
    };
    drafts.push(draft);
    return draft;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.text.trim();

    if (line.text.length > MAX_LINE_CHARS) {
      skip(line, `the line is ${line.text.length.toLocaleString("en")} characters long, more than any definition`);
      current = null;
      continue;
    }
    // Fenced code is quoted material, never a definition; listed once per block.
    if (FENCE.test(trimmed)) {
      if (!inFence) skip(line, "a code block, not a definition");
      inFence = !inFence;
      current = null;
      continue;
    }
    if (inFence) continue;

    if (trimmed === "") {
      // A blank line ends a definition, except before a definition list's next `: text` line.
      let k = i + 1;
      while (k < lines.length && lines[k].text.trim() === "") k++;
      const next = lines[k];
      if (!(current && next && DEFINITION_LIST_LINE.test(next.text))) current = null;
      continue;
    }
    // Horizontal rules and front-matter fences separate parts; they say nothing.
    if (RULE.test(trimmed)) {
      current = null;
      continue;
    }

    // An indented line continues the definition above it; an indented `Example:` line is its example.
    const indentedExample = trimmed.replace(LIST_MARKER, "").match(EXAMPLE);
    if (current && INDENTED.test(line.text) && indentedExample) {
      current.concept.examples.push(indentedExample[1].trim());
      continue;
    }
    // ...unless it is a list item that is a definition itself: a nested list of terms.
    const nestedDefinition =
      LIST_MARKER.test(trimmed) && splitDefinitionLine(trimmed.replace(LIST_MARKER, "")).kind === "definition";
    if (current && INDENTED.test(line.text) && !nestedDefinition) {
      current.parts.push(trimmed);
      continue;
    }
    // A bare `Term:` line takes the paragraph right under it (up to a blank line) as its definition.
    if (
      current?.takesParagraph &&
      !HEADING.test(trimmed) &&
      !LIST_MARKER.test(trimmed) &&
      !DEFINITION_LIST_LINE.test(line.text)
    ) {
      if (current.parts.length > 0 || splitDefinitionLine(trimmed).kind === "skip") {
        current.parts.push(trimmed);
        continue;
      }
    }
    // A definition list's further definitions become paragraphs of the same concept.
    const listDefinition = line.text.match(DEFINITION_LIST_LINE);
    if (current && listDefinition) {
      current.parts.push(`\n\n${listDefinition[1].trim()}`);
      continue;
    }
    current = null;

    // A line underlined with `===` is a top-level heading (setext style): a title, so a tag.
    if (/^=+\s*$/.test(lines[i + 1]?.text ?? "") && !LIST_MARKER.test(trimmed)) {
      sections.length = 0;
      sections[0] = headingTag(trimmed);
      i++;
      continue;
    }
    const heading = trimmed.match(HEADING);
    if (heading) {
      const level = heading[1].length;
      const body: Line[] = [];
      for (let j = i + 1; j < lines.length && !HEADING.test(lines[j].text.trim()); j++) body.push(lines[j]);
      // A `## Term` heading with a paragraph under it: the paragraph is the definition.
      if (headingIsConcept(level, heading[2], body)) {
        const term = checkTerm(heading[2]);
        if (term.ok) {
          // The concept closes any deeper sections above it: they do not tag what follows it.
          sections.length = level - 1;
          const paragraphs = body
            .map((bodyLine) => bodyLine.text.trim())
            .join("\n")
            .split(/\n{2,}/)
            .map((paragraph) => paragraph.replace(/\n/g, " ").trim())
            .filter(Boolean);
          start(line, term.term, "").parts = paragraphs.map((paragraph, index) => (index === 0 ? paragraph : `\n\n${paragraph}`));
          i += body.length;
          current = null;
          continue;
        }
      }
      // Any other heading names a section: it tags the concepts below it, until a heading of its level or higher.
      sections.length = level;
      sections[level - 1] = headingTag(heading[2]);
      continue;
    }

    // A markdown definition list: a term-like line followed by a `: definition` line.
    const next = lines[i + 1];
    const nextDefinition = next?.text.match(DEFINITION_LIST_LINE);
    if (nextDefinition && !LIST_MARKER.test(trimmed) && isTermLine(trimmed)) {
      const term = checkTerm(trimmed);
      if (term.ok) {
        current = start(line, term.term, nextDefinition[1].trim());
        i++;
        continue;
      }
    }

    const body = trimmed.replace(LIST_MARKER, "");
    // An `Example:` or `e.g.` line right under a concept is that concept's example.
    const example = body.match(EXAMPLE);
    const previous = drafts.at(-1);
    if (
      example &&
      previous &&
      previous.concept.line !== undefined &&
      lines[i - 1]?.text.trim() !== "" &&
      isAttached(lines, i, previous)
    ) {
      previous.concept.examples.push(example[1].trim());
      continue;
    }

    const verdict = splitDefinitionLine(body);
    if (verdict.kind === "definition") {
      current = start(line, verdict.split.term, verdict.split.definition);
      continue;
    }
    skip(line, verdict.reason === "prose, not a definition" ? proseReason(body) : verdict.reason);
  }

  const seen = new Map<string, number>();
  for (const draft of drafts) {
    const concept = draft.concept;
    concept.definition = joinParts(draft.parts);
    const line = concept.line!;
    const text = `${concept.term}: ${concept.definition}`.slice(0, 200);
    // A term with nothing after it ("Term:" and no indented lines) defines nothing.
    if (words(concept.definition).length < MIN_DEFINITION_WORDS) {
      preview.skipped.push({
        line,
        text,
        reason: concept.definition ? "too short to be a definition" : "a term with no definition",
      });
      continue;
    }
    if (concept.definition.length > IMPORT_LIMITS.maxDefinitionChars) {
      preview.skipped.push({
        line,
        text,
        reason: `the definition is longer than ${IMPORT_LIMITS.maxDefinitionChars} characters`,
      });
      continue;
    }
    // The same term twice in one source: the first wins; the learner sees the other in the list.
    const key = concept.term.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      preview.skipped.push({ line, text, reason: `the same term as line ${first}` });
      continue;
    }
    seen.set(key, line);
    preview.concepts.push(concept);
  }
  preview.skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (preview.concepts.length === 0) preview.errors.push(noConceptsMessage(preview.skipped));
  return preview;
}

/** Whether line `i` directly follows the last line of `draft` (its own line or its continuations). */
function isAttached(lines: Line[], i: number, draft: Draft): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const text = lines[j].text;
    if (text.trim() === "") return false;
    if (lines[j].number === draft.concept.line) return true;
    if (!INDENTED.test(text) && !DEFINITION_LIST_LINE.test(text) && !/^(?:[-*+]\s+)?(?:example|e\.g)/i.test(text.trim()))
      return false;
  }
  return false;
}

function noConceptsMessage(skipped: SkippedItem[]): string {
  return skipped.length === 0
    ? 'The text is empty: write one definition per line, e.g. "Mesa-optimizer: a learned model that is itself an optimizer"'
    : `No definitions found in ${skipped.length} non-empty line${skipped.length === 1 ? "" : "s"}: write one per line, e.g. "Term: definition" or "**Term** — definition"`;
}
