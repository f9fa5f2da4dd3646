import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { disconnect, read } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import {
  createSession,
  describeUserAgent,
  getSessionUserByToken,
  LAST_SEEN_EVERY_MS,
  listSessions,
  revokeAllSessions,
  revokeSession,
  SESSION_TTL_MS,
  sessionIdOf,
} from "@/lib/server/session-rows";
import { createUser, getAccount } from "@/lib/server/users";
import type { SessionUser } from "@/lib/types/sessions";
import { PASSWORD } from "../helpers/fixtures";

const T0 = new Date("2026-03-07T12:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (ms: number) => new Date(T0.getTime() + ms);

const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";

async function signedIn(username: string, timeZone = "UTC"): Promise<{ user: SessionUser; token: string }> {
  const account = await createUser({ username, password: PASSWORD, timeZone }, T0);
  const token = await createSession(account.id, FIREFOX_LINUX, T0);
  const user = await getSessionUserByToken(token, T0);
  expect(user).not.toBeNull();
  return { user: user!, token };
}

async function sessionRow(id: string) {
  return read((db) => db.session.findUnique({ where: { id } }));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

afterAll(async () => {
  await disconnect();
});

describe("createSession and getSessionUserByToken", () => {
  it("stores the token's hash, never the token, and finds the user by the token", async () => {
    const { user, token } = await signedIn("Ada", "Europe/London");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(user).toEqual({ id: expect.any(String), username: "Ada", timeZone: "Europe/London", sessionId: sessionIdOf(token) });
    expect(user.sessionId).not.toBe(token);
    expect(await sessionRow(token)).toBeNull();
    expect(await sessionRow(user.sessionId)).toMatchObject({
      userId: user.id,
      createdAt: T0,
      lastSeenAt: T0,
      userAgent: FIREFOX_LINUX,
      revokedAt: null,
    });
  });

  it("knows no session for an unknown token", async () => {
    expect(await getSessionUserByToken("not-a-token", T0)).toBeNull();
  });

  it("truncates a long user agent", async () => {
    const { id } = await createUser({ username: "long-agent", password: PASSWORD, timeZone: "UTC" }, T0);
    const token = await createSession(id, "x".repeat(5000), T0);
    expect((await sessionRow(sessionIdOf(token)))!.userAgent).toHaveLength(256);
  });

  it("records the visit at most once every five minutes", async () => {
    const { user, token } = await signedIn("visitor");
    await getSessionUserByToken(token, at(LAST_SEEN_EVERY_MS - 1));
    expect((await sessionRow(user.sessionId))!.lastSeenAt).toEqual(T0);
    await getSessionUserByToken(token, at(LAST_SEEN_EVERY_MS));
    expect((await sessionRow(user.sessionId))!.lastSeenAt).toEqual(at(LAST_SEEN_EVERY_MS));
    await getSessionUserByToken(token, at(LAST_SEEN_EVERY_MS + MINUTE));
    expect((await sessionRow(user.sessionId))!.lastSeenAt).toEqual(at(LAST_SEEN_EVERY_MS));
  });

  it("ends a session when its lifetime is over", async () => {
    const { token } = await signedIn("expiring");
    expect(await getSessionUserByToken(token, at(SESSION_TTL_MS - 1))).not.toBeNull();
    expect(await getSessionUserByToken(token, at(SESSION_TTL_MS))).toBeNull();
  });

  it("prunes sessions created more than 30 days ago on the next sign-in, and keeps younger revoked ones", async () => {
    const { user: old } = await signedIn("pruned");
    const { user: recent } = await signedIn("recent");
    await revokeSession(recent, recent.sessionId, at(10 * DAY));
    const { id } = await createUser({ username: "later", password: PASSWORD, timeZone: "UTC" }, T0);
    const olderThanTheCutoff = await read((db) =>
      db.session.count({ where: { createdAt: { lt: at(31 * DAY - SESSION_TTL_MS) } } }),
    );
    expect(olderThanTheCutoff).toBeGreaterThan(0);

    await createSession(id, FIREFOX_LINUX, at(31 * DAY));
    expect(await read((db) => db.session.count({ where: { createdAt: { lt: at(31 * DAY - SESSION_TTL_MS) } } }))).toBe(0);
    expect(await sessionRow(old.sessionId)).toBeNull();
    expect(await read((db) => db.session.count({ where: { createdAt: at(31 * DAY) } }))).toBe(1);

    const { user: revokedRecently } = await signedIn("revoked-recently");
    await revokeSession(revokedRecently, revokedRecently.sessionId, at(MINUTE));
    await createSession(id, FIREFOX_LINUX, at(20 * DAY));
    expect(await sessionRow(revokedRecently.sessionId)).toMatchObject({ revokedAt: at(MINUTE) });
  });
});

describe("revokeSession", () => {
  it("ends the session on the server: its token no longer signs anyone in", async () => {
    const { user, token } = await signedIn("leaver");
    await revokeSession(user, user.sessionId, at(MINUTE));
    expect(await getSessionUserByToken(token, at(2 * MINUTE))).toBeNull();
    expect((await sessionRow(user.sessionId))!.revokedAt).toEqual(at(MINUTE));
    expect(await rejection(revokeSession(user, user.sessionId, at(3 * MINUTE)))).toBeInstanceOf(NotFoundError);
  });

  it("refuses to end someone else's session, and leaves it working", async () => {
    const { user: owner, token } = await signedIn("owner");
    const { user: stranger } = await signedIn("stranger");
    const error = await rejection(revokeSession(stranger, owner.sessionId, at(MINUTE)));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe("That session was not found.");
    expect(await getSessionUserByToken(token, at(2 * MINUTE))).toMatchObject({ id: owner.id });
    expect((await sessionRow(owner.sessionId))!.revokedAt).toBeNull();
  });
});

describe("revokeAllSessions", () => {
  it("ends every session of the user and no one else's", async () => {
    const { user, token } = await signedIn("everywhere");
    const phone = await createSession(user.id, SAFARI_IPHONE, at(MINUTE));
    const { token: otherToken } = await signedIn("bystander");
    expect(await revokeAllSessions(user, at(2 * MINUTE))).toBe(2);
    expect(await getSessionUserByToken(token, at(3 * MINUTE))).toBeNull();
    expect(await getSessionUserByToken(phone, at(3 * MINUTE))).toBeNull();
    expect(await getSessionUserByToken(otherToken, at(3 * MINUTE))).not.toBeNull();
  });
});

describe("listSessions and getAccount", () => {
  it("lists the live sessions, most recently seen first, marks this browser, and leaves out ended ones", async () => {
    const { user } = await signedIn("lister");
    const phoneToken = await createSession(user.id, SAFARI_IPHONE, at(MINUTE));
    const ended = await createSession(user.id, "curl/8.5.0", at(2 * MINUTE));
    await revokeSession(user, sessionIdOf(ended), at(3 * MINUTE));
    await getSessionUserByToken(phoneToken, at(10 * MINUTE));

    expect(await listSessions(user, at(11 * MINUTE))).toEqual([
      {
        id: sessionIdOf(phoneToken),
        createdAt: at(MINUTE),
        lastSeenAt: at(10 * MINUTE),
        browser: "Safari on iOS",
        current: false,
      },
      { id: user.sessionId, createdAt: T0, lastSeenAt: T0, browser: "Firefox on Linux", current: true },
    ]);
  });

  it("returns what the account page shows, and no password hash", async () => {
    const { user } = await signedIn("account-holder", "Asia/Tokyo");
    const account = await getAccount(user, at(MINUTE));
    expect(Object.keys(account).sort()).toEqual(
      [
        "createdAt",
        "dayStartHour",
        "desiredRetention",
        "newCardsPerDay",
        "reviewsPerDay",
        "sessions",
        "timeZone",
        "username",
      ].sort(),
    );
    expect(account).toMatchObject({ username: "account-holder", timeZone: "Asia/Tokyo", dayStartHour: 4, createdAt: T0 });
    expect(account.sessions.map((s) => s.current)).toEqual([true]);
    expect(JSON.stringify(account)).not.toContain("argon2");
  });
});

describe("describeUserAgent", () => {
  it.each([
    [FIREFOX_LINUX, "Firefox on Linux"],
    [SAFARI_IPHONE, "Safari on iOS"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
      "Chrome on macOS",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
      "Chrome on Linux",
    ],
    ["curl/8.5.0", "Unknown browser"],
    ["", "Unknown browser"],
  ])("%s -> %s", (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toBe(expected);
  });
});
