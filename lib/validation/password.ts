import { dictionary } from "@zxcvbn-ts/language-common";

/*
 * NIST SP 800-63B (5.1.1.2) asks a verifier to refuse passwords that are commonly used or expected:
 * known from breach corpuses, repetitive, or context-specific such as the username. The list is
 * zxcvbn-ts's maintained "passwords-common" dictionary (about 49,000 passwords seen in breaches,
 * most frequent first, all lower case), compared without regard to case: "Password" is as easy to
 * guess as "password". No composition rules (digits, symbols): NIST advises against them.
 */

export const COMMON_PASSWORD_MESSAGE = "This is one of the most common passwords. Choose one that is harder to guess.";
export const PASSWORD_IS_USERNAME_MESSAGE = "Your password cannot be your username.";
export const REPEATED_PASSWORD_MESSAGE = "A password of one character repeated is too easy to guess.";

let common: Set<string> | undefined;

/** The list, unpacked on first use (about 10 ms) rather than when a page that never signs anyone up loads. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"]);
  return common;
}

/** Why `password` is too easy to guess for the account `username`, or null when it is not. */
export function passwordProblem(password: string, username: string): string | null {
  if (/^(.)\1*$/su.test(password)) return REPEATED_PASSWORD_MESSAGE;
  const lower = password.toLowerCase();
  if (username.trim() !== "" && lower.trim() === username.trim().toLowerCase()) return PASSWORD_IS_USERNAME_MESSAGE;
  if (commonPasswords().has(lower)) return COMMON_PASSWORD_MESSAGE;
  return null;
}
