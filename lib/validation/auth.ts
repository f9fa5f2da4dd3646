import { z } from "zod";
import { isValidTimeZone } from "@/lib/srs/study-day";
import { PASSWORD_MAX, PASSWORD_MIN } from "./limits";
import { passwordProblem } from "./password";

export { PASSWORD_MAX, PASSWORD_MIN };

export const UsernameSchema = z
  .string()
  .trim()
  .min(3, "Usernames are at least 3 characters")
  .max(32, "Usernames are at most 32 characters")
  .regex(/^[A-Za-z0-9_.-]+$/, "Use letters, digits, dots, dashes and underscores only");

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Passwords are at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Passwords are at most ${PASSWORD_MAX} characters`);

export const SignUpSchema = z
  .object({
    username: UsernameSchema,
    password: PasswordSchema,
    // Taken from the browser; an unknown or missing zone falls back to UTC rather than blocking sign-up.
    timeZone: z
      .string()
      .max(64)
      .optional()
      .transform((zone) => (zone && isValidTimeZone(zone) ? zone : "UTC")),
    // The code of the invite link the form was opened with; empty without one.
    invite: z
      .string()
      .trim()
      .max(64)
      .optional()
      .transform((code) => code || undefined)
      .optional(),
  })
  // Beside the password field, so the form shows it where the password is typed.
  .superRefine(({ username, password }, context) => {
    const problem = passwordProblem(password, username);
    if (problem) context.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  // Not the full username rules: a malformed name simply fails like a wrong one.
  username: z.string().trim().min(1, "Enter your username").max(64),
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX),
});
export type SignInInput = z.infer<typeof SignInSchema>;

/** "Sign out" on one session of the account page's list: the row id (base64url SHA-256). */
export const SignOutSessionSchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "That session was not found."),
});
export type SignOutSessionInput = z.infer<typeof SignOutSessionSchema>;

/** Which sign-out just happened, in `?signed-out=` on the sign-in page (the confirmation shown there). */
export const SIGNED_OUT = { here: "here", everywhere: "everywhere" } as const;

/** `?signed-out=` of the sign-in page; anything else (or nothing) shows no confirmation. */
export const SignedOutSchema = z.enum([SIGNED_OUT.here, SIGNED_OUT.everywhere]).optional().catch(undefined);
