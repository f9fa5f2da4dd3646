import "server-only";
import { randomBytes } from "node:crypto";

/*
 * Fresh ids in the shape of the app's own (a "c" and 24 lowercase letters and digits, like Prisma's
 * cuid), for rows written many at a time (a restore, an import), whose ids must be known before
 * the insert. Like a cuid they start with the time and a counter, so the rows of one import go
 * to the end of the primary-key index rather than to random places in it: inserting half a
 * million review-log rows with random ids took several times longer.
 */

const RANDOM_CHARS = 12;
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let poolOffset = 0;
let counter = 0;

function randomChars(): string {
  if (poolOffset + RANDOM_CHARS > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  let out = "";
  for (let i = 0; i < RANDOM_CHARS; i++) out += (pool[poolOffset++] % 36).toString(36);
  return out;
}

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, "0").slice(-8)}${counter.toString(36).padStart(4, "0")}${randomChars()}`;
}
