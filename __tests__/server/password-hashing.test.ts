import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

/*
 * The real argon2, wrapped to count the hashes in flight: a flood of sign-ins must never have more
 * than HASHING_CONCURRENCY of them running at once, however many requests arrive together.
 */
const flight = { now: 0, peak: 0, started: 0 };
jest.mock("@node-rs/argon2", () => {
  const real = jest.requireActual<typeof import("@node-rs/argon2")>("@node-rs/argon2");
  const tracked =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      flight.now += 1;
      flight.started += 1;
      flight.peak = Math.max(flight.peak, flight.now);
      try {
        return await fn(...args);
      } finally {
        flight.now -= 1;
      }
    };
  return { ...real, hash: tracked(real.hash), verify: tracked(real.verify) };
});

import { disconnect } from "@/lib/server/db";
import { HASHING_BUSY_MESSAGE, HASHING_CONCURRENCY, HASHING_QUEUE_LIMIT, verifyPassword } from "@/lib/server/password-hashing";
import { createUser, verifyCredentials, WRONG_CREDENTIALS } from "@/lib/server/users";
import { PASSWORD, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");

afterAll(async () => {
  await disconnect();
});

beforeEach(() => {
  Object.assign(flight, { now: 0, peak: 0, started: 0 });
});

it("hashes at most HASHING_CONCURRENCY passwords at once while 12 sign-ins and 2 sign-ups arrive together", async () => {
  await seedBuiltIn(NOW);
  await createUser({ username: "owner", password: PASSWORD, timeZone: "UTC" }, NOW);
  flight.peak = 0;
  const attempts = Array.from({ length: 12 }, (_, i) =>
    verifyCredentials({ username: i % 2 ? "owner" : `nobody-${i}`, password: "wrong password" }, `203.0.113.${i + 1}`).then(
      () => "signed in",
      (error: Error) => error.message,
    ),
  );
  const signUps = [0, 1].map((i) => createUser({ username: `newcomer-${i}`, password: PASSWORD, timeZone: "UTC" }, NOW));
  expect(await Promise.all(attempts)).toEqual(Array(12).fill(WRONG_CREDENTIALS));
  expect((await Promise.all(signUps)).map((user) => user.username)).toEqual(["newcomer-0", "newcomer-1"]);
  expect(flight.started).toBeGreaterThanOrEqual(14);
  expect(HASHING_CONCURRENCY).toBeGreaterThanOrEqual(1);
  expect(flight.peak).toBe(HASHING_CONCURRENCY);
});

it("turns an attempt away at once when the queue is full, and serves the queue afterwards", async () => {
  const stored = await (await import("@node-rs/argon2")).hash("a password");
  const queued = Array.from({ length: HASHING_CONCURRENCY + HASHING_QUEUE_LIMIT }, () => verifyPassword(stored, "a password"));
  await expect(verifyPassword(stored, "a password")).rejects.toThrow(HASHING_BUSY_MESSAGE);
  expect(await Promise.all(queued)).toEqual(Array(queued.length).fill(true));
  expect(flight.peak).toBe(HASHING_CONCURRENCY);
  expect(await verifyPassword(stored, "another")).toBe(false);
});
