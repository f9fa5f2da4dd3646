import "server-only";
import crypto from "node:crypto";
import type { SessionDTO, SessionUser } from "@/lib/types/sessions";
import { read, write, type ReadDb } from "./db";
import { NotFoundError } from "./errors";

const MINUTE = 60_000;
/** A session lasts as long as its cookie (lib/server/session-cookie.ts sets the same lifetime). */
export const SESSION_TTL_MS = 30 * 24 * 60 * MINUTE;
/** lastSeenAt is written at most this often per session, so reading a page rarely writes. */
export const LAST_SEEN_EVERY_MS = 5 * MINUTE;
const USER_AGENT_MAX = 256;

/** The row id of a cookie's token: the database never holds a token a cookie could carry. */
export function sessionIdOf(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}

/**
 * Starts a session for a user who has just proved who they are and returns the token for the
 * cookie. Rows created more than the session lifetime ago (expired, revoked or not) are pruned
 * here, so the table holds at most one lifetime of sign-ins.
 */
export async function createSession(userId: string, userAgent: string, now: Date): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await write(async (tx) => {
    await tx.session.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - SESSION_TTL_MS) } } });
    await tx.session.create({
      data: { id: sessionIdOf(token), userId, createdAt: now, lastSeenAt: now, userAgent: userAgent.slice(0, USER_AGENT_MAX) },
    });
  });
  return token;
}

/**
 * The user of a live session (not revoked, not expired), in one indexed read: the session row by
 * its primary key joined with the user fields pages need. Records the visit when the last one
 * was recorded long enough ago.
 */
export async function getSessionUserByToken(token: string, now: Date): Promise<SessionUser | null> {
  const id = sessionIdOf(token);
  const cutoff = new Date(now.getTime() - SESSION_TTL_MS);
  const rows = await read(
    (db) => db.$queryRaw<{ id: string; username: string; timeZone: string; lastSeenAt: Date }[]>`
      SELECT u."id", u."username", u."timeZone", s."lastSeenAt"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${id} AND s."revokedAt" IS NULL AND s."createdAt" > ${cutoff}`,
  );
  const row = rows[0];
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
    const stale = new Date(now.getTime() - LAST_SEEN_EVERY_MS);
    // Conditional, so requests arriving together record the visit once.
    await write((tx) => tx.session.updateMany({ where: { id, lastSeenAt: { lte: stale } }, data: { lastSeenAt: now } }));
  }
  return { id: row.id, username: row.username, timeZone: row.timeZone, sessionId: id };
}

/** Ends one of the user's own sessions; someone else's, or one already ended, is not found. */
export async function revokeSession(user: Pick<SessionUser, "id">, sessionId: string, now: Date): Promise<void> {
  const { count } = await write((tx) =>
    tx.session.updateMany({
      where: { id: sessionId, userId: user.id, revokedAt: null, createdAt: { gt: new Date(now.getTime() - SESSION_TTL_MS) } },
      data: { revokedAt: now },
    }),
  );
  if (count === 0) throw new NotFoundError("That session");
}

/** "Sign out everywhere": ends every session of the user, the current one included. */
export async function revokeAllSessions(user: Pick<SessionUser, "id">, now: Date): Promise<number> {
  const { count } = await write((tx) =>
    tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } }),
  );
  return count;
}

/** The user's live sessions, most recently seen first. For use inside a read(). */
export async function liveSessionsOf(db: ReadDb, user: SessionUser, now: Date): Promise<SessionDTO[]> {
  const rows = await db.session.findMany({
    where: { userId: user.id, revokedAt: null, createdAt: { gt: new Date(now.getTime() - SESSION_TTL_MS) } },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    browser: describeUserAgent(row.userAgent),
    current: row.id === user.sessionId,
  }));
}

export async function listSessions(user: SessionUser, now: Date): Promise<SessionDTO[]> {
  return read((db) => liveSessionsOf(db, user, now));
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera)\//, "Opera"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(HeadlessChrome|Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

/** "Firefox on Linux", from a user agent; what cannot be recognised is said plainly. */
export function describeUserAgent(userAgent: string): string {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : "Unknown browser");
}
