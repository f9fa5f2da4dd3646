import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

const mockActingUser = { id: "", username: "" };
jest.mock("@/lib/server/auth", () => ({ requireUser: jest.fn(() => Promise.resolve(mockActingUser)) }));

import { updateStudySettingsAction } from "@/app/(app)/(with-header)/settings/actions";
import type { User } from "@/lib/generated/prisma/client";
import { disconnect } from "@/lib/server/db";
import { getStudySettings, updateStudySettings } from "@/lib/server/settings";
import { newUser, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const DEFAULTS = {
  timeZone: "UTC",
  dayStartHour: 4,
  newCardsPerDay: 20,
  reviewsPerDay: 200,
  dailyGoalKind: "REVIEWS",
  dailyGoalReviews: 20,
};
const GOOD = {
  timeZone: "Europe/Berlin",
  dayStartHour: "5",
  newCardsPerDay: "15",
  reviewsPerDay: "150",
  dailyGoalKind: "REVIEWS",
  dailyGoalReviews: "20",
};

let alice: User;
let bob: User;

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
}

beforeAll(async () => {
  await seedBuiltIn(NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  Object.assign(mockActingUser, { id: alice.id, username: alice.username });
});

afterAll(async () => {
  await disconnect();
});

describe("updateStudySettingsAction", () => {
  it.each([
    ["timeZone", "Mars/Olympus_Mons", "Choose a time zone from the list"],
    ["dayStartHour", "24", "The day start hour is a whole number from 0 to 23"],
    ["dayStartHour", "-1", "The day start hour is a whole number from 0 to 23"],
    ["newCardsPerDay", "2.5", "New cards per day is a whole number from 0 to 1000"],
    ["reviewsPerDay", "10001", "Maximum reviews per day is a whole number from 0 to 10000"],
    ["dailyGoalKind", "STREAK_OF_GOLD", "Choose a daily goal"],
    ["dailyGoalReviews", "0", "The review goal is a whole number from 1 to 1000"],
    ["dailyGoalReviews", "1001", "The review goal is a whole number from 1 to 1000"],
    ["dailyGoalReviews", "", "The review goal is a whole number from 1 to 1000"],
  ])("refuses %s = %p, says why beside that field, and changes nothing", async (field, value, message) => {
    const result = await updateStudySettingsAction(null, form({ ...GOOD, [field]: value }));
    expect(result).toMatchObject({ ok: false, code: "INVALID", values: { [field]: value } });
    expect(result && !result.ok ? result.fieldErrors : undefined).toEqual({ [field]: [message] });
    expect(await getStudySettings(alice.id)).toEqual(DEFAULTS);
  });

  it("saves good values for the acting user only", async () => {
    expect(await updateStudySettingsAction(null, form(GOOD))).toEqual({ ok: true, data: undefined });
    expect(await getStudySettings(alice.id)).toEqual({
      timeZone: "Europe/Berlin",
      dayStartHour: 5,
      newCardsPerDay: 15,
      reviewsPerDay: 150,
      dailyGoalKind: "REVIEWS",
      dailyGoalReviews: 20,
    });
    expect(await getStudySettings(bob.id)).toEqual(DEFAULTS);
  });

  it("saves the clear-the-queue goal", async () => {
    await updateStudySettingsAction(null, form({ ...GOOD, dailyGoalKind: "CLEAR_DUE" }));
    expect((await getStudySettings(alice.id)).dailyGoalKind).toBe("CLEAR_DUE");
  });
});

describe("updateStudySettings", () => {
  it("writes the given user's row and no other", async () => {
    await updateStudySettings(bob.id, { ...DEFAULTS, dailyGoalKind: "CLEAR_DUE", timeZone: "Asia/Kathmandu" });
    expect((await getStudySettings(bob.id)).timeZone).toBe("Asia/Kathmandu");
    expect((await getStudySettings(alice.id)).timeZone).toBe("Europe/Berlin");
  });
});
