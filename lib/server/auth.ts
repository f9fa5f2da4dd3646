import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { SessionUser } from "@/lib/types/sessions";
import { NotFoundError } from "./errors";
import { cookiesAreSecure, getSession, secureCookieDropped } from "./session-cookie";
import { createSession, getSessionUserByToken, revokeAllSessions, revokeSession } from "./session-rows";

/**
 * The signed-in user, or null when the cookie is missing, expired, or its session was ended
 * (signed out here or from another browser). Once per request, however many callers ask.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getSession();
  if (!session.token) return null;
  return getSessionUserByToken(session.token, new Date());
});

/** The signed-in user; anyone else is sent to sign in. Every page and action starts here. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Starts a server-side session for a user who has just proved who they are, and sets its cookie. */
export async function startSession(userId: string): Promise<void> {
  const userAgent = (await headers()).get("user-agent") ?? "";
  const token = await createSession(userId, userAgent, new Date());
  const session = await getSession();
  session.token = token;
  await session.save();
}

/** Signs this browser out: its session ends on the server too, so a copied cookie stops working. */
export async function endSession(): Promise<void> {
  const user = await getSessionUser();
  if (user) {
    // Ended a moment ago from another browser: signed out either way.
    await revokeSession(user, user.sessionId, new Date()).catch((error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error;
    });
  }
  (await getSession()).destroy();
}

/** Ends one of the user's sessions; returns true when it was this browser's own (now signed out). */
export async function endSessionOf(user: Pick<SessionUser, "id">, sessionId: string): Promise<boolean> {
  // Which session this browser holds is read before the revoke: afterwards it no longer reads as signed in.
  const current = (await getSessionUser())?.sessionId;
  await revokeSession(user, sessionId, new Date());
  if (sessionId !== current) return false;
  (await getSession()).destroy();
  return true;
}

/** Ends every session of the user, on every device, this one included. */
export async function endAllSessions(user: Pick<SessionUser, "id">): Promise<void> {
  await revokeAllSessions(user, new Date());
  (await getSession()).destroy();
}

/**
 * The client's address. `npm start` (scripts/start-server.cjs) replaces X-Forwarded-For with the
 * one address it trusts (the socket's, or the one MESA_TRUSTED_PROXIES points at), so the first
 * entry is it; a client cannot choose it.
 */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

/**
 * True when this request came over plain http to a host other than localhost while the session
 * cookie is Secure: the browser will drop the cookie, and sign-in will not stick.
 */
export async function sessionCookieWillBeDropped(): Promise<boolean> {
  const h = await headers();
  return secureCookieDropped({
    secure: cookiesAreSecure(),
    protocol: h.get("x-forwarded-proto")?.split(",")[0] ?? "http",
    host: h.get("x-forwarded-host")?.split(",")[0] ?? h.get("host") ?? "",
  });
}
