import "server-only";
import fs from "node:fs";

/*
 * The server's clock: every page and action that reads the time asks here, so a browser test can
 * walk a learner through several study days without waiting for them.
 *
 * The shift is off unless MESA_TEST_CLOCK_FILE names a file when the process starts (a name no
 * production setting shares, read once, and announced on stderr at start by scripts/start-server.cjs
 * and here on first use). The file holds a whole number of milliseconds to add to the real time;
 * it is read on every call, so a test moves time forward by rewriting it, without a restart.
 * A missing or malformed file is an error, never a silent zero: a test that thinks it moved the
 * clock must not pass on the real one.
 */

export const TEST_CLOCK_ENV = "MESA_TEST_CLOCK_FILE";

const clockFile = process.env[TEST_CLOCK_ENV] || null;
let announced = false;

/** The offset in the test clock file (milliseconds, may be negative). */
export function readClockOffset(file: string): number {
  const text = fs.readFileSync(file, "utf8").trim();
  if (!/^-?\d+$/.test(text))
    throw new Error(`${TEST_CLOCK_ENV}: ${file} must hold a whole number of milliseconds (got "${text}")`);
  return Number(text);
}

/** The current instant: the real time, shifted only under the test clock. */
export function serverNow(): Date {
  if (clockFile === null) return new Date();
  if (!announced) {
    announced = true;
    console.warn(`${TEST_CLOCK_ENV} is set: Mesa's clock is shifted by the offset in ${clockFile}. Never set it in production.`);
  }
  return new Date(Date.now() + readClockOffset(clockFile));
}
