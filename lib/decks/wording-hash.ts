import { createHash } from "node:crypto";

/** The parts of a concept's text a learner can reword (definition, examples, aliases). */
export interface Wording {
  definition: string;
  /** As stored: JSON arrays of strings. */
  examples: string;
  aliases: string;
}

/**
 * A fingerprint of a built-in concept's wording. A user's override stores the fingerprint of the
 * original it was written against; when a new deck version changes the original, the fingerprints
 * differ and the card can say so. (Concept.updatedAt cannot tell: every seed rewrites every row.)
 */
export function wordingHash(wording: Wording): string {
  return createHash("sha256")
    .update(JSON.stringify([wording.definition, wording.examples, wording.aliases]))
    .digest("hex");
}
