import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { disconnect, read } from "@/lib/server/db";
import { UserError } from "@/lib/server/errors";
import { createUser, isSignUpOpen, signUp, verifyCredentials, WRONG_CREDENTIALS } from "@/lib/server/users";
import { CardState } from "@/lib/srs/card";
import { PASSWORD, cardsOf, countRows, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const T0 = NOW.getTime();
const MINUTE = 60_000;

async function failure(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

afterAll(async () => {
  await disconnect();
});

// First on purpose: it needs a database without users.
describe("MESA_ALLOW_SIGNUP=false", () => {
  const saved = process.env.MESA_ALLOW_SIGNUP;
  afterEach(() => {
    if (saved === undefined) delete process.env.MESA_ALLOW_SIGNUP;
    else process.env.MESA_ALLOW_SIGNUP = saved;
  });

  it("allows the first account and refuses the second, even when both sign up at the same moment", async () => {
    expect((await countRows()).users).toBe(0);
    process.env.MESA_ALLOW_SIGNUP = "false";
    expect(await isSignUpOpen()).toBe(true);
    const results = await Promise.allSettled([
      createUser({ username: "owner", password: PASSWORD, timeZone: "UTC" }, NOW),
      createUser({ username: "racer", password: PASSWORD, timeZone: "UTC" }, NOW),
    ]);
    // Whichever password hash finishes first wins; the other is refused inside the transaction.
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).code).toBe("UNAUTHORIZED");
    expect((await countRows()).users).toBe(1);

    expect(await isSignUpOpen()).toBe(false);
    const error = await failure(createUser({ username: "guest", password: PASSWORD, timeZone: "UTC" }, NOW));
    expect(error.code).toBe("UNAUTHORIZED");
    expect((await countRows()).users).toBe(1);
  });

  it("is open again without the setting", async () => {
    delete process.env.MESA_ALLOW_SIGNUP;
    expect(await isSignUpOpen()).toBe(true);
  });
});

describe("createUser", () => {
  beforeAll(async () => {
    await seedBuiltIn(NOW);
  });

  it("stores an argon2id hash, never the password", async () => {
    const user = await createUser({ username: "Hasher", password: PASSWORD, timeZone: "Europe/London" }, NOW);
    expect(user).toEqual({ id: expect.any(String), username: "Hasher" });
    const row = await read((db) => db.user.findUnique({ where: { id: user.id } }));
    expect(row!.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row!.passwordHash).not.toContain(PASSWORD);
    expect(row).toMatchObject({ username: "Hasher", usernameKey: "hasher", timeZone: "Europe/London", createdAt: NOW });
  });

  it("keeps usernames unique regardless of case, with CONFLICT", async () => {
    await createUser({ username: "Grace", password: PASSWORD, timeZone: "UTC" }, NOW);
    const before = await countRows();
    const error = await failure(createUser({ username: "gRACE", password: "another password", timeZone: "UTC" }, NOW));
    expect(error.code).toBe("CONFLICT");
    expect(await countRows()).toEqual(before);
  });

  it("enrols a new user in the default built-in deck only: 2 New cards per concept", async () => {
    const user = await createUser({ username: "learner", password: PASSWORD, timeZone: "UTC" }, NOW);
    const concepts = await read((db) => db.concept.count({ where: { deck: { ownerId: null, enrolByDefault: true } } }));
    const cards = await cardsOf(user.id);
    expect(concepts).toBeGreaterThanOrEqual(18);
    expect(cards).toHaveLength(2 * concepts);
    expect(cards.every((c) => c.state === CardState.New && c.reps === 0 && c.version === 0 && c.due.getTime() === T0)).toBe(true);
    const kindsPerConcept = new Map<string, string[]>();
    for (const card of cards) kindsPerConcept.set(card.conceptId, [...(kindsPerConcept.get(card.conceptId) ?? []), card.kind]);
    expect(kindsPerConcept.size).toBe(concepts);
    for (const kinds of kindsPerConcept.values()) expect(kinds.sort()).toEqual(["DEFINITION_TO_TERM", "TERM_TO_DEFINITION"]);
  });
});

describe("signUp", () => {
  it("creates at most 5 accounts per address per hour", async () => {
    const t = NOW.getTime() + 24 * 60 * MINUTE;
    for (let i = 0; i < 5; i++)
      await signUp({ username: `household-${i}`, password: PASSWORD, timeZone: "UTC" }, "192.0.2.50", new Date(t + i));
    const before = await countRows();
    const limited = await failure(
      signUp({ username: "household-5", password: PASSWORD, timeZone: "UTC" }, "192.0.2.50", new Date(t + 10)),
    );
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.message).toBe("Too many new accounts from this address. Try again in 60 minutes.");
    expect(await countRows()).toEqual(before);
    // Another address, or the same one an hour later, may sign up.
    expect(
      (await signUp({ username: "neighbour", password: PASSWORD, timeZone: "UTC" }, "192.0.2.51", new Date(t + 10))).username,
    ).toBe("neighbour");
    expect(
      (await signUp({ username: "household-5", password: PASSWORD, timeZone: "UTC" }, "192.0.2.50", new Date(t + 60 * MINUTE)))
        .username,
    ).toBe("household-5");
  });

  it("counts a probe for a taken username like a sign-up, so a limited address cannot learn which names exist", async () => {
    const t = NOW.getTime() + 48 * 60 * MINUTE;
    await signUp({ username: "existing", password: PASSWORD, timeZone: "UTC" }, "192.0.2.70", new Date(t));
    const probe = (username: string, at: number) =>
      failure(signUp({ username, password: PASSWORD, timeZone: "UTC" }, "198.51.100.7", new Date(t + at)));
    // Five probes are answered, and each one counts against the address.
    for (let i = 1; i <= 5; i++) expect((await probe(i % 2 ? "EXISTING" : "existing", i)).code).toBe("CONFLICT");
    // The address is now limited: a taken name and a free one get the same answer.
    const taken = await probe("existing", 10);
    const free = await probe("nobody-has-this", 11);
    expect([taken.code, taken.message]).toEqual([free.code, free.message]);
    expect(taken.code).toBe("RATE_LIMITED");
    expect(await read((db) => db.user.count({ where: { usernameKey: "nobody-has-this" } }))).toBe(0);
  });
});

describe("verifyCredentials", () => {
  /** A wait that returns at once and remembers what it was asked to wait. */
  function recordingSleep() {
    const waits: number[] = [];
    return { waits, sleep: async (ms: number) => void waits.push(ms) };
  }
  const wrong = (username: string, address: string, now: number, sleep = recordingSleep().sleep) =>
    failure(verifyCredentials({ username, password: "wrong password" }, address, { now, sleep }));

  beforeAll(async () => {
    await createUser({ username: "Verity", password: PASSWORD, timeZone: "UTC" }, NOW);
    await createUser({ username: "limited-user", password: PASSWORD, timeZone: "UTC" }, NOW);
    await createUser({ username: "besieged", password: PASSWORD, timeZone: "UTC" }, NOW);
  });

  it("returns the account for the right password, whatever the username's case", async () => {
    const user = await verifyCredentials({ username: "  verity ", password: PASSWORD }, "10.0.0.1", { now: T0 });
    expect(user).toEqual({ id: expect.any(String), username: "Verity" });
  });

  it("fails alike for a wrong password and an unknown user", async () => {
    const wrongPassword = await failure(
      verifyCredentials({ username: "Verity", password: "not the password" }, "10.0.0.2", { now: T0 }),
    );
    const unknownUser = await failure(
      verifyCredentials({ username: "nobody-here", password: PASSWORD }, "10.0.0.3", { now: T0 }),
    );
    expect(wrongPassword.message).toBe(WRONG_CREDENTIALS);
    expect(unknownUser.message).toBe(WRONG_CREDENTIALS);
    expect([wrongPassword.code, unknownUser.code]).toEqual(["UNAUTHORIZED", "UNAUTHORIZED"]);
  });

  it("refuses guessing from one address after 10 failures in 15 minutes, even the right password, and only there", async () => {
    for (let i = 0; i < 10; i++) expect((await wrong("limited-user", "192.0.2.1", T0 + i * MINUTE)).code).toBe("UNAUTHORIZED");
    const limited = await failure(
      verifyCredentials({ username: "LIMITED-USER", password: PASSWORD }, "192.0.2.1", { now: T0 + 10 * MINUTE }),
    );
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.message).toBe("Too many failed sign-ins. Try again in 5 minutes.");
    // The owner, elsewhere, is not affected; nor are other usernames from that address.
    expect(
      (await verifyCredentials({ username: "limited-user", password: PASSWORD }, "198.51.100.1", { now: T0 + 10 * MINUTE }))
        .username,
    ).toBe("limited-user");
    expect(
      (await verifyCredentials({ username: "Verity", password: PASSWORD }, "192.0.2.1", { now: T0 + 10 * MINUTE })).username,
    ).toBe("Verity");
    // Once the first failure leaves the 15-minute window, that address may try again.
    expect(
      (await verifyCredentials({ username: "limited-user", password: PASSWORD }, "192.0.2.1", { now: T0 + 15 * MINUTE }))
        .username,
    ).toBe("limited-user");
  });

  it("lets the owner in with the right password after 60 failures from elsewhere, only delayed", async () => {
    const t = T0 + 2 * 60 * MINUTE;
    const attacker = recordingSleep();
    // 12 addresses, 5 guesses each: none of them reaches its own limits.
    for (let i = 0; i < 60; i++)
      expect((await wrong("besieged", `203.0.113.${Math.floor(i / 5)}`, t + i * 1000, attacker.sleep)).code).toBe("UNAUTHORIZED");
    expect(attacker.waits).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]);

    const owner = recordingSleep();
    const user = await verifyCredentials({ username: "besieged", password: PASSWORD }, "198.51.100.20", {
      now: t + 61_000,
      sleep: owner.sleep,
    });
    expect(user.username).toBe("besieged");
    expect(owner.waits).toEqual([1000]);
  });

  it("counts only failures: a household signing in over and over from one address is never refused", async () => {
    const t = T0 + 4 * 60 * MINUTE;
    for (let i = 0; i < 30; i++) {
      const username = i % 2 === 0 ? "Verity" : "limited-user";
      expect((await verifyCredentials({ username, password: PASSWORD }, "192.0.2.99", { now: t + i })).username).toBe(username);
    }
  });

  it("forgives earlier failures from this address after a successful sign-in", async () => {
    await createUser({ username: "forgiven", password: PASSWORD, timeZone: "UTC" }, NOW);
    const t = T0 + 6 * 60 * MINUTE;
    for (let i = 0; i < 9; i++) await wrong("forgiven", "10.2.0.1", t + i);
    await verifyCredentials({ username: "forgiven", password: PASSWORD }, "10.2.0.1", { now: t + 10 });
    for (let i = 0; i < 9; i++) await wrong("forgiven", "10.2.0.1", t + 20 + i);
    expect((await wrong("forgiven", "10.2.0.1", t + 40)).code).toBe("UNAUTHORIZED");
  });
});
