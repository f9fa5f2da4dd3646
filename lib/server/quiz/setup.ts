import "server-only";
import type { QuizSetupDTO } from "@/lib/types/quiz";
import { read } from "../db";
import { confusionsOf } from "./confusions";
import { loadPool, tagKey, weakSpotIds } from "./pool";

/** What the quiz setup offers: the user's decks, their tags, how many weak spots, the top confused pairs. */
export async function getQuizSetup(userId: string, now: Date): Promise<QuizSetupDTO> {
  return read(async (db) => {
    const pool = await loadPool(db, userId);
    const weak = await weakSpotIds(db, userId, now);
    const perDeck = new Map<string, number>();
    const tags = new Map<string, { tag: string; conceptCount: number }>();
    let weakSpotCount = 0;
    for (const concept of pool.concepts) {
      perDeck.set(concept.deckSlug, (perDeck.get(concept.deckSlug) ?? 0) + 1);
      if (weak.has(concept.id)) weakSpotCount += 1;
      for (const tag of new Set(concept.tags.map(tagKey))) {
        const entry = tags.get(tag) ?? { tag, conceptCount: 0 };
        entry.conceptCount += 1;
        tags.set(tag, entry);
      }
    }
    return {
      decks: pool.decks.map((deck) => ({ id: deck.id, title: deck.title, conceptCount: perDeck.get(deck.slug) ?? 0 })),
      tags: [...tags.values()].sort((x, y) => y.conceptCount - x.conceptCount || x.tag.localeCompare(y.tag)),
      weakSpotCount,
      pairs: await confusionsOf(db, userId, 5),
    };
  });
}
