import "server-only";
import { rewriteRefs } from "@/lib/decks/concept-refs";
import type { WriteTx } from "./db";
import { parseJsonList } from "./mappers";

/**
 * Keeps the links (confusables, prerequisites) of the user's own concepts true when concepts move
 * between their decks or are deleted, inside the write that moves or deletes them. Built-in
 * concepts never link to own ones, so only the user's own concepts are read.
 *
 * - `movedFrom`: concept id -> the slug of the deck it was in (call after the move, so each moved
 *   concept's deck is already the new one).
 * - `renamed`: a moved concept's qualified ref before -> after (`old-deck/slug` -> `new-deck/slug`).
 * - `removed`: qualified refs of concepts being deleted (call before deleting them).
 */
export async function rewriteOwnLinks(
  tx: WriteTx,
  userId: string,
  change: {
    movedFrom?: ReadonlyMap<string, string>;
    renamed?: ReadonlyMap<string, string>;
    removed?: ReadonlySet<string>;
  },
): Promise<void> {
  const movedFrom = change.movedFrom ?? new Map<string, string>();
  const renamed = change.renamed ?? new Map<string, string>();
  const removed = change.removed ?? new Set<string>();
  if (renamed.size === 0 && removed.size === 0) return;
  const concepts = await tx.concept.findMany({
    where: { deck: { ownerId: userId }, OR: [{ confusables: { not: "[]" } }, { prerequisites: { not: "[]" } }] },
    select: { id: true, confusables: true, prerequisites: true, deck: { select: { slug: true } } },
  });
  for (const concept of concepts) {
    const newDeck = concept.deck.slug;
    const oldDeck = movedFrom.get(concept.id) ?? newDeck;
    const data: { confusables?: string; prerequisites?: string } = {};
    for (const field of ["confusables", "prerequisites"] as const) {
      const before = parseJsonList(concept[field]);
      const after = rewriteRefs(before, oldDeck, newDeck, renamed, removed);
      if (JSON.stringify(after) !== JSON.stringify(before)) data[field] = JSON.stringify(after);
    }
    if (data.confusables !== undefined || data.prerequisites !== undefined) {
      await tx.concept.update({ where: { id: concept.id }, data });
    }
  }
}
