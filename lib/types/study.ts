/**
 * New cards the daily limit holds back: shown on home and on an empty review screen, so "all done"
 * never hides a deck of unseen cards.
 */
export interface HeldBackDTO {
  /** The new-card limit as set (without today's extra). */
  newPerDay: number;
  /** Extra new cards granted for this study day ("N more today"). */
  extraToday: number;
  /** Cards first studied this study day. */
  introducedToday: number;
  /** Unseen cards waiting in the decks in view, and per deck (study order). */
  waiting: number;
  decks: { slug: string; title: string; waiting: number }[];
  /** When new cards come again on their own: the next study day's start. */
  nextNewAt: Date;
  /** How many more one press of "more today" offers. */
  batch: number;
}
