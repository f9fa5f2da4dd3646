import { z } from "zod";
import type { StatsRange } from "@/lib/types/stats";

export const STATS_RANGES = [30, 90, 365] as const satisfies readonly StatsRange[];
export const DEFAULT_STATS_RANGE: StatsRange = 30;

/** `?range=` of the statistics page: 30, 90 or 365 days; anything else shows the default. */
export const StatsRangeSchema = z
  .union([z.literal("30"), z.literal("90"), z.literal("365")])
  .transform((text) => Number(text) as StatsRange)
  .catch(DEFAULT_STATS_RANGE);

/** A card id from the address: the ids are cuids; anything else cannot be a card. */
export const CardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
