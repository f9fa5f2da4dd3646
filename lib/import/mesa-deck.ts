import { parseDeck } from "@/lib/decks/parse-deck";
import { emptyPreview, failedPreview, type ImportPreview } from "./types";

/** Whether a text is a Mesa deck file (front matter first) rather than reading notes. */
export function looksLikeMesaDeck(text: string): boolean {
  return /^\uFEFF?\s*---\s*\r?\n[\s\S]*?\r?\n---\s*(\r?\n|$)/.test(text) && /^##\s+\S/m.test(text);
}

/**
 * A Mesa deck file (the prisma/decks format) as an import. The deck parser's rules hold whole: a
 * file with any error imports nothing, and its errors name their lines.
 */
export function parseMesaDeck(text: string): ImportPreview {
  const parsed = parseDeck(text);
  if (!parsed.ok) return { ...failedPreview(parsed.errors[0]), errors: parsed.errors };
  const { deck } = parsed;
  return emptyPreview({
    deckName: deck.title,
    concepts: deck.concepts.map((concept) => ({
      term: concept.term,
      definition: concept.definition,
      aliases: concept.aliases,
      examples: concept.examples,
      tags: concept.tags,
      sourceLocator: concept.sourceLocator,
      ...(deck.sourceUrl ? { sourceUrl: deck.sourceUrl } : {}),
      line: concept.line,
    })),
  });
}
