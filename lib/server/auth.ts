import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { User } from "@/lib/generated/prisma/client";
import { getSession } from "./session";
import { getUserById } from "./users";

/** The signed-in user, or null when there is no valid session (also after "sign out everywhere"). */
export async function getSessionUser(): Promise<User | null> {
  const session = await getSession();
  if (!session.userId) return null;
  const user = await getUserById(session.userId);
  if (!user || user.sessionVersion !== session.sessionVersion) return null;
  return user;
}

/** The signed-in user; anyone else is sent to sign in. Every page and action starts here. */
export async function requireUser(): Promise<User> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function startSession(user: Pick<User, "id" | "sessionVersion">): Promise<void> {
  const session = await getSession();
  session.userId = user.id;
  session.sessionVersion = user.sessionVersion;
  await session.save();
}

export async function endSession(): Promise<void> {
  (await getSession()).destroy();
}

/** The client's address as the server saw it (the first hop of X-Forwarded-For behind a proxy). */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}
