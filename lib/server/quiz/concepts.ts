import "server-only";
import type { Concept, Deck } from "@/lib/generated/prisma/client";
import type { QuizConceptDTO } from "@/lib/types/quiz";
import type { ReadDb } from "../db";

/* Concepts as quiz feedback and the confusions view show them, read by id. */

type ConceptWithDeck = Concept & { deck: Deck };

function conceptDTO(concept: ConceptWithDeck): QuizConceptDTO {
  return {
    id: concept.id,
    term: concept.term,
    definition: concept.definition,
    deckTitle: concept.deck.title,
    sourceTitle: concept.deck.sourceTitle,
    sourceUrl: concept.deck.sourceUrl,
    sourceLocator: concept.sourceLocator,
  };
}

export async function conceptsById(db: ReadDb, ids: Iterable<string>): Promise<Map<string, QuizConceptDTO>> {
  const rows = await db.concept.findMany({ where: { id: { in: [...new Set(ids)] } }, include: { deck: true } });
  return new Map(rows.map((row) => [row.id, conceptDTO(row)]));
}
