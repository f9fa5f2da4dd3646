import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

const mockSessionUser: { current: { id: string; username: string; timeZone: string; sessionId: string } | null } = {
  current: null,
};
jest.mock("@/lib/server/auth", () => ({ getSessionUser: jest.fn(() => Promise.resolve(mockSessionUser.current)) }));

import { GET } from "@/app/api/optimizer/route";
import { disconnect, write } from "@/lib/server/db";
import { newUser, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");

afterAll(async () => {
  await disconnect();
});

describe("GET /api/optimizer", () => {
  it("refuses without a session and answers each learner with their own status only", async () => {
    await seedBuiltIn(NOW);
    const alice = await newUser("alice", NOW);
    const bob = await newUser("bob", NOW);
    const candidate = {
      weights: Array(21).fill(1),
      current: null,
      fitted: null,
      items: 70,
      reviews: 500,
      fittedAt: NOW.toISOString(),
    };
    await write((tx) => tx.user.update({ where: { id: alice.id }, data: { fsrsFitCandidate: JSON.stringify(candidate) } }));

    const anonymous = await GET();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("cache-control")).toBe("no-store");

    mockSessionUser.current = { id: bob.id, username: "bob", timeZone: "UTC", sessionId: "s" };
    expect(await (await GET()).json()).toMatchObject({ reviews: 0, needed: 400, candidate: null, weights: null, job: null });
    mockSessionUser.current = { id: alice.id, username: "alice", timeZone: "UTC", sessionId: "s" };
    expect(await (await GET()).json()).toMatchObject({ candidate });
  });
});
