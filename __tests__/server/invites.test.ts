import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

const mockActingUser = { id: "", username: "" };
jest.mock("@/lib/server/auth", () => ({ requireUser: jest.fn(() => Promise.resolve(mockActingUser)) }));

import { createInviteAction, revokeInviteAction } from "@/app/(app)/(with-header)/account/actions";
import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read } from "@/lib/server/db";
import { checkInvite, createInvite, listInvitableDecks, listInvites, revokeInvite } from "@/lib/server/invites";
import { signUpLimits, signUpsPerAddress } from "@/lib/server/sign-up-limit";
import { signUp } from "@/lib/server/users";
import { PASSWORD, expectUserError, newUser, seedBuiltIn } from "../helpers/fixtures";

/*
 * Invite links: a reading group behind one address signs up past the per-address limit, into the
 * chosen decks; an invite is bounded (expiry, uses), revocable, and stored only as a hash.
 */

const NOW = new Date("2026-03-07T12:00:00Z");
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let host: User;
let glossary: { id: string; title: string };
let addressCounter = 0;
/** A fresh client address per test: the sign-up limiter lives as long as the module. */
const newAddress = () => `10.1.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

const signUpAs = (username: string, address: string, invite?: string, when = NOW) =>
  signUp({ username, password: PASSWORD, timeZone: "UTC", invite }, address, when);

async function accountOf(username: string) {
  return read((db) =>
    db.user.findUniqueOrThrow({
      where: { usernameKey: username.toLowerCase() },
      select: { inviteId: true, enrolments: { select: { deckId: true, stoppedAt: true } }, _count: { select: { cards: true } } },
    }),
  );
}

beforeAll(async () => {
  await seedBuiltIn(NOW);
  host = await newUser("host", NOW);
  const decks = await listInvitableDecks();
  glossary = decks.find((d) => d.title.includes("glossary"))!;
  expect(glossary).toBeDefined();
});

afterAll(async () => {
  await disconnect();
});

it("lets a group behind one address sign up past the per-address limit, each enrolled in the invite's decks", async () => {
  const address = newAddress();
  for (let i = 0; i < 5; i++) await signUpAs(`solo${i}`, address);
  const refused = await expectUserError(signUpAs("solo5", address), "RATE_LIMITED");
  expect(refused.message).toMatch(/Too many new accounts from this address/);

  const { code } = await createInvite(host.id, { days: 7, maxUses: 10, deckIds: [glossary.id] }, NOW);
  expect(code).toMatch(/^[A-Za-z0-9_-]{24}$/);
  for (let i = 0; i < 8; i++) await signUpAs(`reader${i}`, address, code, at(i * 1000));

  const reader = await accountOf("reader7");
  expect(reader.inviteId).not.toBeNull();
  expect(reader.enrolments.map((e) => e.deckId)).toContain(glossary.id);
  const solo = await accountOf("solo0");
  // The invitee has the default deck's cards and the glossary's: more than a plain account.
  expect(reader._count.cards).toBeGreaterThan(solo._count.cards);
  expect((await listInvites(host.id, at(DAY)))[0]).toMatchObject({
    uses: 8,
    maxUses: 10,
    status: "active",
    decks: [glossary.title],
  });
});

it("stores only a hash of the code", async () => {
  const { code } = await createInvite(host.id, { days: 1, maxUses: 1, deckIds: [] }, NOW);
  const rows = await read((db) => db.invite.findMany({ select: { id: true, codeHash: true } }));
  expect(rows.some((row) => row.codeHash.includes(code) || row.id === code)).toBe(false);
  expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.codeHash))).toBe(true);
});

it("is bounded by its uses: the last use goes to one of two racing sign-ups", async () => {
  const { code } = await createInvite(host.id, { days: 7, maxUses: 1, deckIds: [] }, NOW);
  const results = await Promise.allSettled([signUpAs("racer-a", newAddress(), code), signUpAs("racer-b", newAddress(), code)]);
  expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  const reason = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as Error;
  expect(reason.message).toMatch(/used as many times as it allows/);
  expect(await checkInvite(code, NOW)).toEqual({ ok: false, reason: expect.stringMatching(/used as many times/) });
});

it("refuses an expired, a withdrawn and a wrong code with a clear message, creating no account", async () => {
  const { code: expiring } = await createInvite(host.id, { days: 1, maxUses: 5, deckIds: [] }, NOW);
  expect(await checkInvite(expiring, at(DAY - 1))).toEqual({ ok: true, invitedBy: "host", decks: [] });
  expect((await expectUserError(signUpAs("late", newAddress(), expiring, at(DAY)), "INVALID")).message).toMatch(/has expired/);

  const { code: withdrawn } = await createInvite(host.id, { days: 7, maxUses: 5, deckIds: [] }, NOW);
  const [latest] = await listInvites(host.id, NOW);
  await revokeInvite(host.id, latest.id, at(1000));
  expect((await expectUserError(signUpAs("toolate", newAddress(), withdrawn, at(2000)), "INVALID")).message).toMatch(/withdrawn/);

  const wrong = `${expiring.slice(0, -1)}${expiring.endsWith("A") ? "B" : "A"}`;
  expect((await expectUserError(signUpAs("guesser", newAddress(), wrong), "INVALID")).message).toMatch(/not valid/);
  expect((await expectUserError(signUpAs("guesser", newAddress(), "short"), "INVALID")).message).toMatch(/not valid/);
  expect(await read((db) => db.user.count({ where: { usernameKey: { in: ["late", "toolate", "guesser"] } } }))).toBe(0);
});

it("is listed, made and withdrawn only by its maker", async () => {
  const other = await newUser("other-host", NOW);
  Object.assign(mockActingUser, { id: other.id, username: other.username });
  const made = await createInviteAction({ days: 30, maxUses: 3, deckIds: [] });
  expect(made).toMatchObject({ ok: true, data: { code: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) } });
  const [mine] = await listInvites(other.id, NOW);
  const [hosts] = await listInvites(host.id, NOW);

  expect(await revokeInviteAction({ inviteId: hosts.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  expect((await listInvites(host.id, NOW))[0].status).toBe(hosts.status);
  expect(await revokeInviteAction({ inviteId: mine.id })).toEqual({ ok: true, data: undefined });
  expect((await listInvites(other.id, NOW))[0].status).toBe("revoked");

  expect(await createInviteAction({ days: 2 as never, maxUses: 3, deckIds: [] })).toMatchObject({ ok: false, code: "INVALID" });
  expect(await createInviteAction({ days: 7, maxUses: 0, deckIds: [] })).toMatchObject({ ok: false, code: "INVALID" });
  expect(await createInviteAction({ days: 7, maxUses: 3, deckIds: ["no-such-deck"] })).toMatchObject({
    ok: false,
    code: "NOT_FOUND",
  });
});

describe("MESA_SIGNUPS_PER_ADDRESS_PER_HOUR", () => {
  it("defaults to 5, takes a whole number, and refuses anything else", () => {
    expect(signUpsPerAddress(undefined)).toBe(5);
    expect(signUpsPerAddress(" ")).toBe(5);
    expect(signUpsPerAddress("40")).toBe(40);
    expect(signUpsPerAddress("0")).toBe(0);
    expect(() => signUpsPerAddress("lots")).toThrow(/MESA_SIGNUPS_PER_ADDRESS_PER_HOUR must be a whole number/);
    expect(() => signUpsPerAddress("-1")).toThrow(/whole number/);
    expect(signUpLimits("40").signUpsPerAddress).toEqual({ attempts: 40, windowMs: HOUR });
    expect(signUpLimits("40").perAddress.failures).toBe(100);
  });
});
