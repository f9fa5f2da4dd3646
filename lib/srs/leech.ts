/**
 * Whether a grade that took a card's lapses from `before` to `after` makes it a leech (again).
 * Anki's rule: at the threshold, then at every half threshold beyond it, so a leech that was
 * unsuspended and keeps lapsing is caught again.
 */
export function isLeechLapse(before: number, after: number, threshold: number): boolean {
  if (after <= before || after < threshold) return false;
  return (after - threshold) % Math.max(1, Math.ceil(threshold / 2)) === 0;
}

/** A card with at least `threshold` lapses carries the leech mark. */
export function isLeech(lapses: number, threshold: number): boolean {
  return lapses >= threshold;
}
