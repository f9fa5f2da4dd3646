/**
 * Links between concepts (confusables, prerequisites) are stored as refs: a bare `slug` for a
 * concept of the same deck, `deck-slug/slug` for one of another deck (the deck format's rule).
 * When concepts move between decks or are deleted, the refs that point at them, and their own
 * bare refs, must be rewritten so no link silently points at the wrong concept or at nothing.
 */

/** The deck-qualified form of a ref written in a concept of deck `ownDeckSlug`. */
export function qualifiedRef(ref: string, ownDeckSlug: string): string {
  return ref.includes("/") ? ref : `${ownDeckSlug}/${ref}`;
}

/** A qualified ref as a concept of deck `ownDeckSlug` writes it (bare when the target is in that deck). */
export function refFromDeck(qualified: string, ownDeckSlug: string): string {
  const prefix = `${ownDeckSlug}/`;
  return qualified.startsWith(prefix) ? qualified.slice(prefix.length) : qualified;
}

/**
 * Rewrites one concept's refs after some concepts moved or were deleted.
 * - `oldDeckSlug`/`newDeckSlug`: the deck the concept was in and is in now (equal when it stayed).
 * - `renamed`: qualified ref before -> qualified ref after, for each moved concept.
 * - `removed`: qualified refs of deleted concepts; refs to them are dropped.
 * Returns the new list, in the same order, without duplicates.
 */
export function rewriteRefs(
  refs: readonly string[],
  oldDeckSlug: string,
  newDeckSlug: string,
  renamed: ReadonlyMap<string, string>,
  removed: ReadonlySet<string> = new Set(),
): string[] {
  const out: string[] = [];
  for (const ref of refs) {
    const before = qualifiedRef(ref, oldDeckSlug);
    if (removed.has(before)) continue;
    const after = refFromDeck(renamed.get(before) ?? before, newDeckSlug);
    if (!out.includes(after)) out.push(after);
  }
  return out;
}
