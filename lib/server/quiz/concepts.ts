import "server-only";
import type { Concept, Deck } from "@/lib/generated/prisma/client";
import { renderMarkdown } from "@/lib/markdown/render";
import type { QuizConceptDTO } from "@/lib/types/quiz";
import type { ReadDb } from "../db";

/* Concepts as quiz feedback and the confusions view show them, read by id. */

type ConceptWithDeck = Concept & { deck: Deck };

function conceptDTO(concept: ConceptWithDeck, reworded: string | undefined): QuizConceptDTO {
  const definition = reworded ?? concept.definition;
  return {
    id: concept.id,
    term: concept.term,
    definition,
    definitionHtml: renderMarkdown(definition),
    reworded: reworded !== undefined,
    deckTitle: concept.deck.title,
    sourceTitle: concept.deck.sourceTitle,
    sourceUrl: concept.deck.sourceUrl,
    sourceLocator: concept.sourceLocator,
  };
}

/** The concepts by id, each with the user's own wording of its definition where they have one. */
export async function conceptsById(db: ReadDb, userId: string, ids: Iterable<string>): Promise<Map<string, QuizConceptDTO>> {
  const wanted = [...new Set(ids)];
  const [rows, overrides] = await Promise.all([
    db.concept.findMany({ where: { id: { in: wanted } }, include: { deck: true } }),
    db.conceptOverride.findMany({
      where: { userId, conceptId: { in: wanted }, definition: { not: null } },
      select: { conceptId: true, definition: true },
    }),
  ]);
  const reworded = new Map(overrides.map((o) => [o.conceptId, o.definition!]));
  return new Map(rows.map((row) => [row.id, conceptDTO(row, reworded.get(row.id))]));
}
