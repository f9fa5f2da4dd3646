/*
 * A quiz's scope and questions are JSON that names decks and concepts by id. A backup writes those
 * ids as references that hold in any installation, and a restore writes the new ids back: the same
 * walk, with the mapping passed in. Every other value is kept as it was.
 */

const CONCEPT_KEYS = new Set(["conceptId", "pairedConceptId", "chosenConceptId"]);
const CONCEPT_LIST_KEYS = new Set(["conceptIds"]);
const DECK_KEYS = new Set(["deckId"]);

export interface IdMapping {
  concept: (id: string) => string;
  deck: (id: string) => string;
}

function mapValue(value: unknown, mapping: IdMapping): unknown {
  if (Array.isArray(value)) return value.map((item) => mapValue(item, mapping));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (CONCEPT_KEYS.has(key) && typeof inner === "string") out[key] = mapping.concept(inner);
    else if (DECK_KEYS.has(key) && typeof inner === "string") out[key] = mapping.deck(inner);
    else if (CONCEPT_LIST_KEYS.has(key) && Array.isArray(inner))
      out[key] = (inner as unknown[]).map((item: unknown) => (typeof item === "string" ? mapping.concept(item) : item));
    else out[key] = mapValue(inner, mapping);
  }
  return out;
}

/** The JSON text with every deck and concept id in it mapped; keys keep their order. */
export function mapQuizJsonIds(json: string, mapping: IdMapping): string {
  return JSON.stringify(mapValue(JSON.parse(json), mapping));
}
