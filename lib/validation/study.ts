import { z } from "zod";

/** Most new cards one press of "more today" adds, and most extra a study day can get in all. */
export const EXTRA_NEW_CARDS_MAX = 100;
export const EXTRA_NEW_CARDS_PER_DAY_MAX = 1000;

/** "N more new cards today": the offer's clientId makes a repeated press harmless. */
export const ExtraNewCardsSchema = z.object({
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Malformed client id"),
  cards: z.number().int().min(1).max(EXTRA_NEW_CARDS_MAX),
});
export type ExtraNewCardsInput = z.infer<typeof ExtraNewCardsSchema>;
