import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { InvitableDeckDTO, InviteCheckDTO, InviteDTO } from "@/lib/types/invites";
import { INVITE_CODE_PATTERN, type CreateInviteInput } from "@/lib/validation/invites";
import { read, write, type ReadDb, type WriteTx } from "./db";
import { ensureCards } from "./decks";
import { NotFoundError, UserError } from "./errors";

/*
 * Invite links: an existing user makes one for a reading group. Signing up through it skips the
 * per-address sign-up limit (a group behind one network) and enrols the newcomer in its decks.
 * Bounded by an expiry and a number of uses, and revocable. The code is 18 random bytes; only its
 * SHA-256 is stored, so the database (or a backup of it) holds nothing a link can be made from.
 * Uses are counted from the accounts that name the invite, never from a counter.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function hashCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/** The decks an invite can enrol people in: the built-in ones (a user's own decks are theirs alone). */
export async function listInvitableDecks(): Promise<InvitableDeckDTO[]> {
  return read((db) =>
    db.deck.findMany({
      where: { ownerId: null },
      orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
      select: { id: true, title: true },
    }),
  );
}

/** Makes an invite; the link's code is returned here once and never stored. */
export async function createInvite(userId: string, input: CreateInviteInput, now: Date): Promise<{ code: string }> {
  const code = randomBytes(18).toString("base64url");
  await write(async (tx) => {
    const deckIds = [...new Set(input.deckIds)];
    const decks = await tx.deck.findMany({ where: { id: { in: deckIds }, ownerId: null }, select: { id: true } });
    // A user's own deck is refused exactly like one that does not exist.
    if (decks.length !== deckIds.length) throw new NotFoundError("Deck");
    await tx.invite.create({
      data: {
        codeHash: hashCode(code),
        createdById: userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.days * DAY_MS),
        maxUses: input.maxUses,
        decks: { create: deckIds.map((deckId) => ({ deckId })) },
      },
      select: { id: true },
    });
  });
  return { code };
}

type InviteRow = {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  maxUses: number;
  revokedAt: Date | null;
  _count: { users: number };
};

function statusOf(invite: InviteRow, now: Date): InviteDTO["status"] {
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt <= now) return "expired";
  if (invite._count.users >= invite.maxUses) return "used up";
  return "active";
}

const INVITE_SELECT = {
  id: true,
  createdAt: true,
  expiresAt: true,
  maxUses: true,
  revokedAt: true,
  _count: { select: { users: true } },
} as const;

/** The user's invites, newest first. */
export async function listInvites(userId: string, now: Date): Promise<InviteDTO[]> {
  const rows = await read((db) =>
    db.invite.findMany({
      where: { createdById: userId },
      // Newest first; the id (a cuid, which grows with time) orders invites made in the same
      // instant, which the database alone leaves in no defined order.
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: { ...INVITE_SELECT, decks: { select: { deck: { select: { title: true } } } } },
    }),
  );
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    maxUses: row.maxUses,
    uses: row._count.users,
    status: statusOf(row, now),
    decks: row.decks.map((d) => d.deck.title).sort(),
  }));
}

/** Ends an invite at once; only its maker can. Accounts made through it stay. */
export async function revokeInvite(userId: string, inviteId: string, now: Date): Promise<void> {
  await write(async (tx) => {
    const invite = await tx.invite.findFirst({
      where: { id: inviteId, createdById: userId },
      select: { id: true, revokedAt: true },
    });
    if (!invite) throw new NotFoundError("Invite");
    if (!invite.revokedAt) await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: now }, select: { id: true } });
  });
}

/** Why an invite cannot be used now, or null when it can. */
function refusal(invite: InviteRow | null, now: Date): string | null {
  if (!invite) return "That invite link is not valid: check that it was copied whole.";
  const status = statusOf(invite, now);
  if (status === "revoked") return "That invite link was withdrawn by the person who made it.";
  if (status === "expired") return "That invite link has expired. Ask for a new one.";
  if (status === "used up") return "That invite link has been used as many times as it allows. Ask for a new one.";
  return null;
}

async function findByCode(db: ReadDb | WriteTx, code: string) {
  if (!INVITE_CODE_PATTERN.test(code)) return null;
  return db.invite.findUnique({
    where: { codeHash: hashCode(code) },
    select: {
      ...INVITE_SELECT,
      createdBy: { select: { username: true } },
      decks: { select: { deckId: true, deck: { select: { title: true } } } },
    },
  });
}

/** What the sign-up page says about a link: who invites, to which decks, or why it cannot be used. */
export async function checkInvite(code: string, now: Date): Promise<InviteCheckDTO> {
  const invite = await read((db) => findByCode(db, code));
  const reason = refusal(invite, now);
  if (reason !== null || !invite) return { ok: false, reason: reason ?? "" };
  return { ok: true, invitedBy: invite.createdBy.username, decks: invite.decks.map((d) => d.deck.title).sort() };
}

/** Refuses a sign-up through an invite that cannot be used, before any password is hashed. */
export async function assertInviteUsable(code: string, now: Date): Promise<void> {
  const reason = refusal(await read((db) => findByCode(db, code)), now);
  if (reason !== null) throw new UserError(reason, "INVALID");
}

/**
 * Inside the sign-up's transaction: checks the invite again (two sign-ups may race for its last
 * use: the write queue runs them one after the other, so the second sees the first), marks the
 * account as made through it, and enrols the newcomer in its decks.
 */
export async function redeemInvite(tx: WriteTx, code: string, userId: string, now: Date): Promise<void> {
  const invite = await findByCode(tx, code);
  const reason = refusal(invite, now);
  if (reason !== null || !invite) throw new UserError(reason ?? "", "INVALID");
  await tx.user.update({ where: { id: userId }, data: { inviteId: invite.id }, select: { id: true } });
  for (const { deckId } of invite.decks) {
    await tx.enrolment.upsert({
      where: { userId_deckId: { userId, deckId } },
      create: { userId, deckId, createdAt: now },
      update: { stoppedAt: null },
    });
  }
  if (invite.decks.length > 0) await ensureCards(tx, now, { userId });
}
