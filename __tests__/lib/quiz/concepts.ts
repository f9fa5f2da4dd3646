import fs from "node:fs";
import path from "node:path";
import { parseDeck } from "@/lib/decks/parse-deck";
import type { QuizConcept } from "@/lib/quiz/types";

/** A concept for quiz tests: id "<deck>/<slug>", term from the slug, a definition unique to it. */
export function concept(slug: string, fields: Partial<QuizConcept> = {}): QuizConcept {
  const deckSlug = fields.deckSlug ?? "deck";
  const term = fields.term ?? slug[0].toUpperCase() + slug.slice(1).replace(/-/g, " ");
  return {
    id: `${deckSlug}/${slug}`,
    slug,
    deckSlug,
    term,
    definition: `The meaning of ${term}.`,
    aliases: [],
    examples: [],
    confusables: [],
    tags: [],
    ...fields,
  };
}

/** The first built-in deck, parsed by the real deck parser, as quiz concepts (id = slug). */
export function learnedOptimizationDeck(): QuizConcept[] {
  const text = fs.readFileSync(path.join(__dirname, "../../../prisma/decks/learned-optimization.md"), "utf8");
  const result = parseDeck(text);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.deck.concepts.map((c) => ({
    id: c.slug,
    slug: c.slug,
    deckSlug: result.deck.slug,
    term: c.term,
    definition: c.definition,
    aliases: c.aliases,
    examples: c.examples,
    confusables: c.confusables,
    tags: c.tags,
  }));
}
