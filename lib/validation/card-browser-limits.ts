/*
 * The card browser's bounds, shared by the server's zod schemas and the browser's client
 * component. zod-free on purpose: zod in the browser trips the CSP.
 */

/** Cards a page of the browser shows. */
export const CARDS_PER_PAGE = 50;
/** The most cards an action takes by id (a page's selection); "all matching" sends the search instead. */
export const MAX_SELECTED_CARDS = 1000;
/** The most cards one reset takes (each gains a history entry): a larger search is narrowed first. */
export const MAX_RESET_CARDS = 5000;
/** The longest tag. */
export const MAX_TAG_LENGTH = 40;
