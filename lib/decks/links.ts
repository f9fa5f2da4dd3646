import { splitLink, type ParsedDeck } from "./parse-deck";

/**
 * Checks the links between decks that are loaded together: every `deck-slug/concept-slug` in a
 * confusable or prerequisite must name a concept of one of them. Links within a deck are checked
 * by the parser. Returns one message per dangling link, with the file and line.
 */
export function checkDeckLinks(decks: { name: string; deck: ParsedDeck }[]): string[] {
  const slugsByDeck = new Map(decks.map(({ deck }) => [deck.slug, new Set(deck.concepts.map((c) => c.slug))]));
  const errors: string[] = [];
  const deckSlugs = new Map<string, string>();
  for (const { name, deck } of decks) {
    const other = deckSlugs.get(deck.slug);
    if (other !== undefined) errors.push(`${name}: deck slug "${deck.slug}" is also used by ${other}`);
    deckSlugs.set(deck.slug, name);
  }
  for (const { name, deck } of decks) {
    for (const concept of deck.concepts) {
      for (const { ref, line } of concept.links) {
        const target = splitLink(ref);
        if (target.deck === null || target.deck === deck.slug) continue;
        const slugs = slugsByDeck.get(target.deck);
        if (!slugs)
          errors.push(`${name} line ${line}: "${concept.term}" refers to "${ref}", but there is no deck "${target.deck}"`);
        else if (!slugs.has(target.concept)) {
          errors.push(
            `${name} line ${line}: "${concept.term}" refers to "${ref}", but deck "${target.deck}" has no concept "${target.concept}"`,
          );
        }
      }
    }
  }
  return errors;
}
