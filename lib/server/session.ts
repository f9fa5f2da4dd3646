import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { databaseFilePath, databaseUrl } from "@/lib/database-url";

export interface SessionData {
  userId?: string;
  sessionVersion?: number;
}

export const SESSION_COOKIE = "mesa_session";
const THIRTY_DAYS_S = 30 * 24 * 60 * 60;

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
  const file = path.join(path.dirname(databaseFilePath(databaseUrl())), ".session-secret");
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
      // Secure in production; MESA_COOKIE_SECURE=false serves a LAN install over plain http.
      secure: process.env.NODE_ENV === "production" && process.env.MESA_COOKIE_SECURE !== "false",
      path: "/",
    },
  };
  return cachedOptions;
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}
