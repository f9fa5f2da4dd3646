import "server-only";
import { AUTH_LIMITS, type AuthLimits } from "./rate-limit";

/*
 * MESA_SIGNUPS_PER_ADDRESS_PER_HOUR: how many accounts one address may create in an hour without
 * an invite link (default AUTH_LIMITS' 5; 0 means sign-up only through an invite). Read at start.
 */

export const SIGNUPS_PER_ADDRESS_ENV = "MESA_SIGNUPS_PER_ADDRESS_PER_HOUR";

/** The setting's value; a malformed one stops the server at start rather than guessing. */
export function signUpsPerAddress(value = process.env[SIGNUPS_PER_ADDRESS_ENV]): number {
  if (value === undefined || value.trim() === "") return AUTH_LIMITS.signUpsPerAddress.attempts;
  if (!/^\d{1,6}$/.test(value.trim())) {
    throw new Error(`${SIGNUPS_PER_ADDRESS_ENV} must be a whole number of sign-ups (got "${value}")`);
  }
  return Number(value.trim());
}

/** The sign-in and sign-up limits with the per-address sign-up count from the setting. */
export function signUpLimits(value = process.env[SIGNUPS_PER_ADDRESS_ENV]): AuthLimits {
  // At 0 sign-ups without an invite are refused before the limiter; it keeps one slot so it stays well-defined.
  const attempts = Math.max(1, signUpsPerAddress(value));
  return { ...AUTH_LIMITS, signUpsPerAddress: { ...AUTH_LIMITS.signUpsPerAddress, attempts } } as AuthLimits;
}
