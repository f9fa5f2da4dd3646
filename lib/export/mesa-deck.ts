import { slugify } from "@/lib/decks/parse-deck";
import type { ExportDeck } from "./types";

/*
 * A deck as Mesa deck markdown (DESIGN.md "Built-in deck format"), written so that
 * lib/decks/parse-deck.ts reads back the same concepts: front matter on single lines, one
 * `## Term` section per concept, each definition paragraph on one line (the parser joins a
 * paragraph's lines with spaces anyway), then the `- field:` lines.
 */

/** One line: the parser reads values up to the end of the line. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();

/**
 * A definition paragraph that the parser would take for a heading or a field line ("## x",
 * "- tags: x") gets a leading backslash, which markdown renders as nothing.
 */
function safeParagraph(paragraph: string): string {
  const line = oneLine(paragraph);
  return /^##\s|^-\s+[a-z]+\s*:/i.test(line) ? `\\${line}` : line;
}

/** List values are comma-separated; a comma inside one value would split it, so it becomes a semicolon. */
const listValue = (values: string[]) => values.map((value) => oneLine(value).replace(/,/g, ";")).join(", ");

export function writeMesaDeck(deck: ExportDeck): string {
  const front = [
    "---",
    `slug: ${deck.slug}`,
    `title: ${oneLine(deck.title)}`,
    ...(deck.description ? [`description: ${oneLine(deck.description)}`] : []),
    ...(deck.sourceTitle || deck.sourceUrl
      ? [`source: ${oneLine([deck.sourceTitle, deck.sourceUrl].filter(Boolean).join(" "))}`]
      : []),
    "---",
  ];
  const used = new Set<string>();
  const sections = deck.concepts.map((concept) => {
    let slug = concept.slug || slugify(concept.term) || "concept";
    for (let n = 2; used.has(slug); n++) slug = `${concept.slug || slugify(concept.term) || "concept"}-${n}`;
    used.add(slug);
    const paragraphs = concept.definition
      .split(/\n\s*\n/)
      .map(safeParagraph)
      .filter(Boolean);
    const fields = [
      ...(slug !== slugify(concept.term) ? [`- slug: ${slug}`] : []),
      ...(concept.aliases?.length ? [`- aliases: ${listValue(concept.aliases)}`] : []),
      ...(concept.examples ?? [])
        .map(oneLine)
        .filter(Boolean)
        .map((example) => `- example: ${example}`),
      ...(concept.confusables?.length ? [`- confusable: ${concept.confusables.join(", ")}`] : []),
      ...(concept.prerequisites?.length ? [`- requires: ${concept.prerequisites.join(", ")}`] : []),
      ...(concept.sourceLocator ? [`- source: ${oneLine(concept.sourceLocator)}`] : []),
      ...(concept.tags.length ? [`- tags: ${listValue(concept.tags)}`] : []),
    ];
    return [`## ${oneLine(concept.term)}`, paragraphs.join("\n\n"), ...fields].join("\n");
  });
  return `${[front.join("\n"), ...sections].join("\n\n")}\n`;
}
