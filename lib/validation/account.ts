import { z } from "zod";
import { PASSWORD_MAX } from "./limits";
import { PasswordSchema, UsernameSchema } from "./auth";
import { passwordProblem } from "./password";

/** Change password: the current one, and a new one under the sign-up rules (checked against the username the form carries; the server checks again with the real one). */
export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(PASSWORD_MAX),
    newPassword: PasswordSchema,
    username: z.string().max(64).optional(),
  })
  .superRefine(({ newPassword, username }, context) => {
    const problem = passwordProblem(newPassword, username ?? "");
    if (problem) context.addIssue({ code: "custom", path: ["newPassword"], message: problem });
  });
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

export const ChangeUsernameSchema = z.object({ username: UsernameSchema });
export type ChangeUsernameInput = z.infer<typeof ChangeUsernameSchema>;

/** Delete my account: the username typed again, to confirm. */
export const DeleteAccountSchema = z.object({
  confirmUsername: z.string({ error: "Type your username to confirm" }).trim().min(1, "Type your username to confirm").max(64),
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountSchema>;
