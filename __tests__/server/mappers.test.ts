import type { User } from "@/lib/generated/prisma/client";
import { schedulerSettingsOf } from "@/lib/server/mappers";

function user(fsrsWeights: string | null): User {
  return {
    id: "u1",
    username: "ada",
    usernameKey: "ada",
    passwordHash: "x",
    timeZone: "UTC",
    dayStartHour: 4,
    newCardsPerDay: 20,
    reviewsPerDay: 200,
    desiredRetention: 0.9,
    learningSteps: "1m 10m",
    relearningSteps: "10m",
    maximumIntervalDays: 36500,
    enableFuzz: true,
    fsrsWeights,
    dailyGoalKind: "REVIEWS",
    dailyGoalReviews: 1,
    dailyGoalChosenAt: null,
    inviteId: null,
    leechThreshold: 8,
    leechAction: "TAG",
    newCardOrder: "DECK",
    previousFsrsWeights: null,
    fsrsFittedAt: null,
    fsrsFitCandidate: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
  };
}

describe("schedulerSettingsOf", () => {
  it("uses stored FSRS weights when there are 21 numbers", () => {
    const weights = Array.from({ length: 21 }, (_, i) => i / 10);
    expect(schedulerSettingsOf(user(JSON.stringify(weights))).fsrsWeights).toEqual(weights);
  });

  it.each([["not json"], ["[1,2,3]"], ['{"w":1}'], [JSON.stringify(Array(21).fill("1"))]])(
    "falls back to the default weights for malformed stored weights %s",
    (stored) => {
      expect(schedulerSettingsOf(user(stored)).fsrsWeights).toBeNull();
    },
  );

  it("maps the user's scheduling columns", () => {
    expect(schedulerSettingsOf(user(null))).toEqual({
      desiredRetention: 0.9,
      learningSteps: "1m 10m",
      relearningSteps: "10m",
      maximumIntervalDays: 36500,
      enableFuzz: true,
      fsrsWeights: null,
    });
  });
});
