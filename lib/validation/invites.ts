import { z } from "zod";
import { INVITE_DAYS, INVITE_USES_MAX } from "./invite-limits";

export { INVITE_DAYS, INVITE_USES_MAX };
/** The code in an invite link: 24 base64url characters (18 random bytes). */
export const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export const InviteCodeSchema = z
  .string()
  .trim()
  .regex(INVITE_CODE_PATTERN, "That invite link is not valid: check that it was copied whole.");

export const CreateInviteSchema = z.object({
  days: z.union(INVITE_DAYS.map((days) => z.literal(days)) as [z.ZodLiteral<1>, z.ZodLiteral<7>, z.ZodLiteral<30>], {
    error: "Choose how long the link works",
  }),
  maxUses: z
    .number({ error: "Enter how many people may use it" })
    .int("Enter a whole number")
    .min(1, `From 1 to ${INVITE_USES_MAX} people`)
    .max(INVITE_USES_MAX, `From 1 to ${INVITE_USES_MAX} people`),
  deckIds: z.array(z.string().min(1).max(64)).max(50).default([]),
});
export type CreateInviteInput = z.infer<typeof CreateInviteSchema>;

export const RevokeInviteSchema = z.object({ inviteId: z.string().min(1).max(64) });
