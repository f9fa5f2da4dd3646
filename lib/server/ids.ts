import "server-only";
import { randomBytes } from "node:crypto";

/**
 * A fresh id in the shape of the app's own (a "c" and letters and digits, like Prisma's cuid), for
 * rows written many at a time (a restore, an import), whose ids must be known before the insert.
 */
export function newId(): string {
  const bytes = randomBytes(24);
  let out = "c";
  for (const byte of bytes) out += (byte % 36).toString(36);
  return out.slice(0, 25);
}
