import { z } from "zod";
import { MAX_QUERY_LENGTH } from "@/lib/search/query";
import { CARD_SORTS } from "@/lib/types/card-browser";

import { MAX_SELECTED_CARDS, MAX_TAG_LENGTH } from "./card-browser-limits";

/**
 * The card browser's address: `?q=&sort=&dir=&page=`. A value out of place falls back to its
 * default (the address is typed and shared by people); the query itself is checked by parseQuery,
 * which names what it cannot take.
 */
export const CardListParamsSchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((q) => q.slice(0, MAX_QUERY_LENGTH + 1)),
  sort: z.enum(CARD_SORTS).catch("due"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type CardListParams = z.infer<typeof CardListParamsSchema>;

const CardIdListSchema = z
  .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/))
  .min(1, "Select at least one card.")
  .max(MAX_SELECTED_CARDS, `Select at most ${MAX_SELECTED_CARDS} cards, or use "select all matching".`);

/** Which cards an action is for: the ones ticked, or every card the search matches (found again on the server). */
export const CardTargetSchema = z.union([
  z.object({ ids: CardIdListSchema }),
  z.object({ query: z.string().max(MAX_QUERY_LENGTH) }),
]);
export type CardTarget = z.infer<typeof CardTargetSchema>;

export const TagSchema = z
  .string()
  .trim()
  .min(1, "Type a tag.")
  .max(MAX_TAG_LENGTH, `A tag is at most ${MAX_TAG_LENGTH} characters.`)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.:-]*$/u, "A tag is letters, digits, - _ . and :, without spaces.");

export const SuspendCardsSchema = z.object({ target: CardTargetSchema, suspended: z.boolean() });
export const ResetCardsSchema = z.object({ target: CardTargetSchema });
export const TagCardsSchema = z.object({ target: CardTargetSchema, tag: TagSchema, remove: z.boolean() });
export const MoveCardsSchema = z.object({ target: CardTargetSchema, deckId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export const DeleteCardsSchema = z.object({ target: CardTargetSchema });
