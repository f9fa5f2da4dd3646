import "server-only";
import type { SessionUser } from "@/lib/types/sessions";
import type { ChangePasswordInput, ChangeUsernameInput } from "@/lib/validation/account";
import { passwordProblem } from "@/lib/validation/password";
import { syncConceptSearch } from "./concept-search";
import { read, write } from "./db";
import { NotFoundError, UserError } from "./errors";
import { hashPassword, verifyPassword } from "./password-hashing";

/* Account management: password, username, and deleting the account with everything in it. */

export const WRONG_CURRENT_PASSWORD = "Your current password is not that: nothing was changed.";

/**
 * Changes the acting user's password after checking the current one. Every other session of the
 * account ends (someone who knew the old password is signed out); this browser stays signed in.
 */
export async function changePassword(
  user: Pick<SessionUser, "id" | "sessionId">,
  input: ChangePasswordInput,
  now: Date,
): Promise<{ signedOut: number }> {
  const row = await read((db) => db.user.findUnique({ where: { id: user.id }, select: { username: true, passwordHash: true } }));
  if (!row) throw new NotFoundError("User");
  if (!(await verifyPassword(row.passwordHash, input.currentPassword)))
    throw new UserError(WRONG_CURRENT_PASSWORD, "UNAUTHORIZED");
  // Checked again with the stored username: the form's copy of it is only for the message.
  const problem = passwordProblem(input.newPassword, row.username);
  if (problem) throw new UserError(problem, "INVALID");
  const passwordHash = await hashPassword(input.newPassword);
  return write(async (tx) => {
    // The hash is compared again inside the write: a change made meanwhile from another browser wins.
    const updated = await tx.user.updateMany({ where: { id: user.id, passwordHash: row.passwordHash }, data: { passwordHash } });
    if (updated.count === 0)
      throw new UserError("Your password was changed meanwhile in another browser: nothing was changed.", "STALE");
    const { count } = await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null, id: { not: user.sessionId } },
      data: { revokedAt: now },
    });
    return { signedOut: count };
  });
}

/** Renames the acting user; usernames are unique without regard to case (a change of case alone is allowed). */
export async function changeUsername(userId: string, input: ChangeUsernameInput): Promise<{ username: string }> {
  const username = input.username.trim();
  const key = username.toLowerCase();
  return write(async (tx) => {
    const holder = await tx.user.findUnique({ where: { usernameKey: key }, select: { id: true } });
    if (holder && holder.id !== userId) throw new UserError("That username is taken.", "CONFLICT");
    const updated = await tx.user.update({
      where: { id: userId },
      data: { username, usernameKey: key },
      select: { username: true },
    });
    return updated;
  });
}

/**
 * Deletes the acting user and everything of theirs, in one write: their own decks (and those decks'
 * concepts), then the user row, whose cascades take their cards, review logs, quizzes, sessions,
 * enrolments, invites, wordings of built-in concepts and extra new cards. The full-text index
 * rows of their concepts and wordings go in the same write. Nothing of anyone else's changes,
 * except that people who signed up through one of their invites no longer show that invite.
 */
export async function deleteAccount(userId: string, confirmUsername: string): Promise<void> {
  await write(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { username: true } });
    if (!user) throw new NotFoundError("User");
    if (confirmUsername.trim() !== user.username) {
      throw new UserError(`Type your username, ${user.username}, exactly as shown to confirm. Nothing was deleted.`, "INVALID");
    }
    const ownConcepts = await tx.concept.findMany({ where: { deck: { ownerId: userId } }, select: { id: true } });
    const reworded = await tx.conceptOverride.findMany({ where: { userId }, select: { conceptId: true } });
    await tx.deck.deleteMany({ where: { ownerId: userId } });
    await tx.user.delete({ where: { id: userId } });
    await syncConceptSearch(tx, [...ownConcepts.map((c) => c.id), ...reworded.map((o) => o.conceptId)]);
  });
}
