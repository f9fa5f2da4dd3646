/*
 * The scheduling settings' ranges and choices, shared by the server's zod schema and the settings
 * form. zod-free on purpose: the form is a client component, and zod in the browser trips the CSP.
 */

export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.97;
export const MAXIMUM_INTERVAL_MAX = 36500;
export const LEECH_THRESHOLD_MIN = 1;
export const LEECH_THRESHOLD_MAX = 99;

/** "DECK": deck order with prerequisites first; "RANDOM": shuffled, the same all study day. */
export const NEW_CARD_ORDERS = ["DECK", "RANDOM"] as const;
export type NewCardOrder = (typeof NEW_CARD_ORDERS)[number];

/** What a card reaching the leech threshold gets besides the leech mark. */
export const LEECH_ACTIONS = ["TAG", "SUSPEND"] as const;
export type LeechAction = (typeof LEECH_ACTIONS)[number];

export function isNewCardOrder(value: string): value is NewCardOrder {
  return (NEW_CARD_ORDERS as readonly string[]).includes(value);
}

export function isLeechAction(value: string): value is LeechAction {
  return (LEECH_ACTIONS as readonly string[]).includes(value);
}
