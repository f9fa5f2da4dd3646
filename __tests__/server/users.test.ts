import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { disconnect, read } from "@/lib/server/db";
import { UserError } from "@/lib/server/errors";
import { bumpSessionVersion, createUser, getUserById, isSignUpOpen, verifyCredentials, WRONG_CREDENTIALS } from "@/lib/server/users";
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
    const row = await getUserById(user.id);
    expect(row!.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row!.passwordHash).not.toContain(PASSWORD);
    expect(row).toMatchObject({ username: "Hasher", usernameKey: "hasher", timeZone: "Europe/London", sessionVersion: 1, createdAt: NOW });
  });

  it("keeps usernames unique regardless of case, with CONFLICT", async () => {
    await createUser({ username: "Grace", password: PASSWORD, timeZone: "UTC" }, NOW);
    const before = await countRows();
    const error = await failure(createUser({ username: "gRACE", password: "another password", timeZone: "UTC" }, NOW));
    expect(error.code).toBe("CONFLICT");
    expect(await countRows()).toEqual(before);
  });

  it("enrols a new user in the built-in deck: 2 New cards per concept", async () => {
    const user = await createUser({ username: "learner", password: PASSWORD, timeZone: "UTC" }, NOW);
    const concepts = await read((db) => db.concept.count({ where: { deck: { ownerId: null } } }));
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

describe("verifyCredentials", () => {
  beforeAll(async () => {
    await createUser({ username: "Verity", password: PASSWORD, timeZone: "UTC" }, NOW);
    await createUser({ username: "limited-user", password: PASSWORD, timeZone: "UTC" }, NOW);
  });

  it("returns the user for the right password, whatever the username's case", async () => {
    const user = await verifyCredentials({ username: "  verity ", password: PASSWORD }, "10.0.0.1", T0);
    expect(user.username).toBe("Verity");
  });

  it("fails alike for a wrong password and an unknown user", async () => {
    const wrongPassword = await failure(verifyCredentials({ username: "Verity", password: "not the password" }, "10.0.0.2", T0));
    const unknownUser = await failure(verifyCredentials({ username: "nobody-here", password: PASSWORD }, "10.0.0.3", T0));
    expect(wrongPassword.message).toBe(WRONG_CREDENTIALS);
    expect(unknownUser.message).toBe(WRONG_CREDENTIALS);
    expect([wrongPassword.code, unknownUser.code]).toEqual(["UNAUTHORIZED", "UNAUTHORIZED"]);
  });

  it("refuses the 11th attempt in 15 minutes for one username, even with the right password, from any address", async () => {
    for (let i = 0; i < 10; i++) {
      const error = await failure(verifyCredentials({ username: "limited-user", password: "wrong" }, `10.1.0.${i}`, T0 + i * MINUTE));
      expect(error.code).toBe("UNAUTHORIZED");
    }
    const limited = await failure(verifyCredentials({ username: "LIMITED-USER", password: PASSWORD }, "10.1.1.1", T0 + 10 * MINUTE));
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.message).toMatch(/Try again in 5 minutes/);
    // Other usernames are not affected.
    expect((await verifyCredentials({ username: "Verity", password: PASSWORD }, "10.1.1.2", T0 + 10 * MINUTE)).username).toBe("Verity");
    // Once the first attempt leaves the 15-minute window, the right password works again.
    const user = await verifyCredentials({ username: "limited-user", password: PASSWORD }, "10.1.1.3", T0 + 15 * MINUTE);
    expect(user.username).toBe("limited-user");
  });

  it("refuses the 11th attempt in 15 minutes from one address, whatever the username", async () => {
    for (let i = 0; i < 10; i++) {
      await failure(verifyCredentials({ username: `guess-${i}`, password: "wrong" }, "192.0.2.7", T0 + i * 1000));
    }
    const limited = await failure(verifyCredentials({ username: "Verity", password: PASSWORD }, "192.0.2.7", T0 + 10_000));
    expect(limited.code).toBe("RATE_LIMITED");
    // The same user from another address is fine.
    expect((await verifyCredentials({ username: "Verity", password: PASSWORD }, "192.0.2.8", T0 + 10_000)).username).toBe("Verity");
  });

  it("forgives earlier failures for a username after a successful sign-in", async () => {
    await createUser({ username: "forgiven", password: PASSWORD, timeZone: "UTC" }, NOW);
    const t = T0 + 60 * MINUTE;
    for (let i = 0; i < 9; i++) await failure(verifyCredentials({ username: "forgiven", password: "wrong" }, `10.2.0.${i}`, t + i));
    await verifyCredentials({ username: "forgiven", password: PASSWORD }, "10.2.1.0", t + 10);
    for (let i = 0; i < 9; i++) await failure(verifyCredentials({ username: "forgiven", password: "wrong" }, `10.2.2.${i}`, t + 20 + i));
    expect((await failure(verifyCredentials({ username: "forgiven", password: "wrong" }, "10.2.3.0", t + 40))).code).toBe("UNAUTHORIZED");
  });
});

describe("bumpSessionVersion", () => {
  it("increments the session version by one each time", async () => {
    const user = await createUser({ username: "bumper", password: PASSWORD, timeZone: "UTC" }, NOW);
    expect(user.sessionVersion).toBe(1);
    expect(await bumpSessionVersion(user.id)).toBe(2);
    expect(await bumpSessionVersion(user.id)).toBe(3);
    expect((await getUserById(user.id))!.sessionVersion).toBe(3);
  });
});
