import { splitCitation } from "./citation";

/** A deck file (DESIGN.md "Built-in deck format"), parsed. */
export interface ParsedDeck {
  slug: string;
  title: string;
  description: string;
  sourceTitle: string;
  sourceUrl: string;
  /** `default: true` in the front matter: new users start with this deck. */
  enrolByDefault: boolean;
  concepts: ParsedConcept[];
}

/** A confusable or prerequisite as written: a slug of the same deck, or `deck-slug/concept-slug`. */
export interface DeckLink {
  field: "confusable" | "requires";
  ref: string;
  /** The line of the field in the deck file. */
  line: number;
}

export interface ParsedConcept {
  slug: string;
  term: string;
  definition: string;
  aliases: string[];
  examples: string[];
  confusables: string[];
  prerequisites: string[];
  sourceLocator: string;
  tags: string[];
  /** Slugs this concept had before a rename or split: the seed keeps their cards and history. */
  formerly: string[];
  /** The line of the `## Term` heading. */
  line: number;
  links: DeckLink[];
}

export type ParseDeckResult = { ok: true; deck: ParsedDeck } | { ok: false; errors: string[] };

const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LIST_FIELDS = ["aliases", "confusable", "requires", "tags", "formerly"] as const;
const SINGLE_FIELDS = ["slug", "source"] as const;
const KNOWN_FIELDS = new Set<string>([...LIST_FIELDS, ...SINGLE_FIELDS, "example"]);
const MAX_TEXT = 4000;

/** Splits `deck-slug/concept-slug`; a plain slug is in the same deck (`deck` is null). */
export function splitLink(ref: string): { deck: string | null; concept: string } {
  const slash = ref.indexOf("/");
  return slash === -1 ? { deck: null, concept: ref } : { deck: ref.slice(0, slash), concept: ref.slice(slash + 1) };
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** "Title words (Author, 2019) https://..." -> title and URL. */
function splitSource(value: string): { sourceTitle: string; sourceUrl: string } {
  const { text, url } = splitCitation(value);
  return { sourceTitle: text, sourceUrl: url };
}

interface ConceptDraft {
  line: number;
  term: string;
  definitionLines: string[];
  fields: Map<string, string[]>;
  /** The line of each value in `fields`, for error messages. */
  fieldLines: Map<string, number[]>;
}

/**
 * Parses a deck: front matter (`key: value` lines between `---`), then one `## Term` section per
 * concept with its definition paragraph(s) and `- key: value` fields. Every problem is reported
 * with its line number; a deck with any error is rejected whole.
 */
export function parseDeck(text: string): ParseDeckResult {
  const errors: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const front = new Map<string, string>();
  let i = 0;
  while (i < lines.length && lines[i].trim() === "") i++;
  if (lines[i]?.trim() !== "---")
    return { ok: false, errors: ["Line 1: the deck must start with front matter between --- lines"] };
  i++;
  for (; i < lines.length && lines[i].trim() !== "---"; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const match = line.match(/^([A-Za-z][\w-]*)\s*:\s*(.*)$/);
    if (!match) errors.push(`Line ${i + 1}: expected "key: value" in the front matter`);
    else front.set(match[1].toLowerCase(), match[2].trim());
  }
  if (i >= lines.length) return { ok: false, errors: ["The front matter is not closed with a --- line"] };
  i++;

  const drafts: ConceptDraft[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i];
    const heading = line.match(/^##\s+(.+?)\s*$/);
    if (heading) {
      drafts.push({ line: i + 1, term: heading[1], definitionLines: [], fields: new Map(), fieldLines: new Map() });
      continue;
    }
    if (line.trim() === "") {
      drafts.at(-1)?.definitionLines.push("");
      continue;
    }
    const current = drafts.at(-1);
    if (!current) {
      errors.push(`Line ${i + 1}: text before the first "## Term" heading`);
      continue;
    }
    const field = line.match(/^-\s+([a-z]+)\s*:\s*(.*)$/i);
    if (field) {
      const key = field[1].toLowerCase();
      if (!KNOWN_FIELDS.has(key)) {
        errors.push(`Line ${i + 1}: unknown field "${key}" (known: ${[...KNOWN_FIELDS].join(", ")})`);
        continue;
      }
      current.fields.set(key, [...(current.fields.get(key) ?? []), field[2].trim()]);
      current.fieldLines.set(key, [...(current.fieldLines.get(key) ?? []), i + 1]);
    } else if (current.fields.size > 0) {
      errors.push(`Line ${i + 1}: definition text must come before the "- field:" lines of "${current.term}"`);
    } else {
      current.definitionLines.push(line.trim());
    }
  }

  const deckSlug = front.get("slug") ?? slugify(front.get("title") ?? "");
  const title = front.get("title") ?? "";
  if (!title) errors.push('Front matter: "title" is required');
  if (!SLUG_PATTERN.test(deckSlug)) errors.push(`Front matter: slug "${deckSlug}" must be lowercase words joined by hyphens`);
  const isDefault = front.get("default")?.toLowerCase();
  if (isDefault !== undefined && isDefault !== "true" && isDefault !== "false")
    errors.push('Front matter: "default" must be true or false');
  if (drafts.length === 0) errors.push('The deck has no concepts (each starts with a "## Term" heading)');

  const concepts: ParsedConcept[] = [];
  const seen = new Set<string>();
  for (const draft of drafts) {
    const single = (key: string) => {
      const values = draft.fields.get(key) ?? [];
      if (values.length > 1) errors.push(`Line ${draft.line}: "${draft.term}" has more than one "${key}" field`);
      return values[0] ?? "";
    };
    const list = (key: string) => (draft.fields.get(key) ?? []).flatMap(splitList);
    const slug = single("slug") || slugify(draft.term);
    const definition = draft.definitionLines
      .join("\n")
      .split(/\n{2,}/)
      .map((paragraph) => paragraph.replace(/\n/g, " ").trim())
      .filter(Boolean)
      .join("\n\n");
    if (!SLUG_PATTERN.test(slug)) errors.push(`Line ${draft.line}: slug "${slug}" must be lowercase words joined by hyphens`);
    if (seen.has(slug)) errors.push(`Line ${draft.line}: slug "${slug}" is used twice`);
    seen.add(slug);
    const formerly = list("formerly");
    for (const old of formerly) {
      if (!SLUG_PATTERN.test(old))
        errors.push(`Line ${draft.line}: former slug "${old}" of "${draft.term}" must be lowercase words joined by hyphens`);
    }
    if (!definition) errors.push(`Line ${draft.line}: "${draft.term}" has no definition`);
    if (definition.length > MAX_TEXT || draft.term.length > 200) errors.push(`Line ${draft.line}: "${draft.term}" is too long`);
    concepts.push({
      slug,
      term: draft.term,
      definition,
      aliases: list("aliases"),
      examples: (draft.fields.get("example") ?? []).filter(Boolean),
      confusables: list("confusable"),
      prerequisites: list("requires"),
      sourceLocator: single("source"),
      tags: list("tags").map((tag) => tag.toLowerCase()),
      formerly,
      line: draft.line,
      links: (["confusable", "requires"] as const).flatMap((field) => {
        const lines = draft.fieldLines.get(field) ?? [];
        return (draft.fields.get(field) ?? []).flatMap((value, index) =>
          splitList(value).map((ref) => ({ field, ref, line: lines[index] })),
        );
      }),
    });
  }
  const claimed = new Map<string, string>();
  for (const concept of concepts) {
    for (const old of concept.formerly) {
      if (seen.has(old))
        errors.push(
          `Line ${concept.line}: "${concept.term}" was formerly "${old}", but "${old}" is still a concept slug in this deck`,
        );
      else if (claimed.has(old))
        errors.push(`Line ${concept.line}: "${concept.term}" and "${claimed.get(old)}" both claim the former slug "${old}"`);
      claimed.set(old, concept.term);
    }
    for (const { ref, line } of concept.links) {
      const { deck, concept: target } = splitLink(ref);
      if (deck !== null && (!SLUG_PATTERN.test(deck) || !SLUG_PATTERN.test(target))) {
        errors.push(
          `Line ${line}: "${concept.term}" refers to "${ref}", which is neither a concept slug nor "deck-slug/concept-slug"`,
        );
      } else if ((deck === null || deck === deckSlug) && !seen.has(target)) {
        errors.push(`Line ${line}: "${concept.term}" refers to "${ref}", which is not a concept slug in this deck`);
      }
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    deck: {
      slug: deckSlug,
      title,
      description: front.get("description") ?? "",
      ...splitSource(front.get("source") ?? ""),
      enrolByDefault: isDefault === "true",
      concepts,
    },
  };
}
