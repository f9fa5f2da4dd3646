import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { dataDirectory, databaseUrl } from "@/lib/database-url";

/** The sealed cookie carries only the session's token; lib/server/session-rows.ts holds the rest. */
export interface SessionData {
  token?: string;
}

export const SESSION_COOKIE = "mesa_session";
const THIRTY_DAYS_S = 30 * 24 * 60 * 60;

/** Secure in production; MESA_COOKIE_SECURE=false serves a LAN install over plain http. */
export function cookiesAreSecure(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV === "production" && env.MESA_COOKIE_SECURE !== "false";
}

/** The host name of a Host header value ("mesa.lan:3000" -> "mesa.lan", "[::1]:3000" -> "::1"). */
function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith("[")) {
    const end = trimmed.indexOf("]");
    return trimmed.slice(1, end > 0 ? end : undefined);
  }
  return trimmed.split(":")[0];
}

/**
 * Whether a browser will silently drop a Secure cookie for this request: it came over plain http
 * to a host that is not loopback (browsers treat only loopback http as a secure context). A LAN
 * install then signs up, renders one page and loses the session on the next click.
 */
export function secureCookieDropped({ secure, protocol, host }: { secure: boolean; protocol: string; host: string }): boolean {
  if (!secure || protocol.trim().toLowerCase() !== "http") return false;
  const name = hostName(host);
  const loopback = name === "localhost" || name.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(name) || name === "::1";
  return !loopback;
}

/**
 * MESA_SESSION_SECRET when set; otherwise a random secret made on first start and kept next to
 * the database, so a self-hosted install needs no manual step and sessions survive restarts.
 */
function sessionSecret(): string {
  const fromEnv = process.env.MESA_SESSION_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("MESA_SESSION_SECRET must be at least 32 characters");
    return fromEnv;
  }
  // On PostgreSQL the folder is this machine's ./data: app servers on several machines need
  // MESA_SESSION_SECRET to share sessions.
  const file = path.join(dataDirectory(databaseUrl()), ".session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another request created it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return fs.readFileSync(file, "utf8").trim();
  }
}

let cachedOptions: SessionOptions | undefined;

export function sessionOptions(): SessionOptions {
  cachedOptions ??= {
    password: sessionSecret(),
    cookieName: SESSION_COOKIE,
    ttl: THIRTY_DAYS_S,
    cookieOptions: {
      httpOnly: true,
      sameSite: "lax",
      secure: cookiesAreSecure(),
      path: "/",
    },
  };
  return cachedOptions;
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}
