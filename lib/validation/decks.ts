import { z } from "zod";

export const DeckChoiceInputSchema = z.object({ deckId: z.string().min(1).max(64) });
export type DeckChoiceInput = z.infer<typeof DeckChoiceInputSchema>;
