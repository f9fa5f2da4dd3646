import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

const mockActingUser = { id: "", username: "" };
jest.mock("@/lib/server/auth", () => ({ requireUser: jest.fn(() => Promise.resolve(mockActingUser)) }));

import { updateSchedulingSettingsAction } from "@/app/(app)/(with-header)/settings/actions";
import type { Card, User } from "@/lib/generated/prisma/client";
import { disconnect, write } from "@/lib/server/db";
import { listLeeches } from "@/lib/server/leeches";
import { recordReview, undoReview } from "@/lib/server/reviews";
import { getSchedulingSettings, updateSchedulingSettings } from "@/lib/server/scheduling";
import { getReviewQueue } from "@/lib/server/study/queue";
import { CardState } from "@/lib/srs/card";
import { LEECH_THRESHOLD_DEFAULT } from "@/lib/srs/settings";
import { cardRow, cardsOf, newClientId, newUser, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

const DEFAULTS = {
  desiredRetention: 0.9,
  learningSteps: "1m 10m",
  relearningSteps: "10m",
  maximumIntervalDays: 36500,
  enableFuzz: false,
  newCardOrder: "DECK",
  leechThreshold: LEECH_THRESHOLD_DEFAULT,
  leechAction: "TAG",
};
const GOOD = {
  desiredRetention: "0.85",
  learningSteps: " 1m   10m 1d ",
  relearningSteps: "10m 1h",
  maximumIntervalDays: "365",
  enableFuzz: "on",
  newCardOrder: "RANDOM",
  leechThreshold: "5",
  leechAction: "SUSPEND",
};

let alice: User;
let bob: User;

function form(values: Record<string, string | undefined>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) data.set(name, value);
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

describe("updateSchedulingSettingsAction", () => {
  it.each([
    ["desiredRetention", "0.98", "Desired retention is a number from 0.70 to 0.97, e.g. 0.90"],
    ["desiredRetention", "0.5", "Desired retention is a number from 0.70 to 0.97, e.g. 0.90"],
    ["desiredRetention", "ninety", "Desired retention is a number from 0.70 to 0.97, e.g. 0.90"],
    ["learningSteps", "1m 5x", '"5x" is not a step: write a number and a unit (m minutes, h hours, d days), e.g. 1m 10m 1d.'],
    ["learningSteps", "30s", '"30s": steps are at least a minute; use m, h or d (e.g. 1m).'],
    ["relearningSteps", "0m", '"0m" is shorter than a minute: each step is at least 1m.'],
    ["relearningSteps", "400d", '"400d" is longer than a year: each step is at most 365d.'],
    ["learningSteps", "1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m", "Use at most 10 steps (this has 11)."],
    ["maximumIntervalDays", "0", "The maximum interval is a whole number from 1 to 36500"],
    ["newCardOrder", "ALPHABETICAL", "Choose an order for new cards"],
    ["leechThreshold", "100", "The leech threshold is a whole number from 1 to 99"],
    ["leechAction", "DELETE", "Choose what happens to a leech"],
  ])("refuses %s = %p, says why beside that field, and saves nothing", async (field, value, message) => {
    const result = await updateSchedulingSettingsAction(null, form({ ...GOOD, [field]: value }));
    expect(result).toMatchObject({ ok: false, code: "INVALID", values: { [field]: value } });
    expect(result && !result.ok ? result.fieldErrors : undefined).toEqual({ [field]: [message] });
    expect(await getSchedulingSettings(alice.id)).toEqual(DEFAULTS);
  });

  it("saves good values for the acting user only, steps tidied and fuzz from the checkbox", async () => {
    expect(await updateSchedulingSettingsAction(null, form(GOOD))).toEqual({ ok: true, data: undefined });
    expect(await getSchedulingSettings(alice.id)).toEqual({
      desiredRetention: 0.85,
      learningSteps: "1m 10m 1d",
      relearningSteps: "10m 1h",
      maximumIntervalDays: 365,
      enableFuzz: true,
      newCardOrder: "RANDOM",
      leechThreshold: 5,
      leechAction: "SUSPEND",
    });
    expect(await getSchedulingSettings(bob.id)).toEqual(DEFAULTS);
    // An unticked checkbox is absent from the form: fuzz off. Empty steps mean none.
    await updateSchedulingSettingsAction(null, form({ ...GOOD, enableFuzz: undefined, learningSteps: "" }));
    expect(await getSchedulingSettings(alice.id)).toMatchObject({ enableFuzz: false, learningSteps: "" });
  });
});

describe("random new-card order", () => {
  it("differs from deck order, holds all study day and changes the next day", async () => {
    const carol = await newUser("carol", NOW);
    const deckOrder = (await getReviewQueue(carol.id, NOW)).cards.map((c) => c.id);
    await write((tx) => tx.user.update({ where: { id: carol.id }, data: { newCardOrder: "RANDOM" } }));
    const today = (await getReviewQueue(carol.id, NOW)).cards.map((c) => c.id);
    const laterToday = (await getReviewQueue(carol.id, new Date(NOW.getTime() + 3 * 60 * 60 * 1000))).cards.map((c) => c.id);
    const tomorrow = (await getReviewQueue(carol.id, new Date(NOW.getTime() + DAY))).cards.map((c) => c.id);
    expect(today).toHaveLength(deckOrder.length);
    expect(today).not.toEqual(deckOrder);
    expect(laterToday).toEqual(today);
    expect(tomorrow).not.toEqual(today);
    // Still one card per concept (sibling bury) and all new.
    const cards = await cardsOf(carol.id);
    const conceptOf = new Map(cards.map((c) => [c.id, c.conceptId]));
    expect(new Set(today.map((id) => conceptOf.get(id))).size).toBe(today.length);
  });
});

describe("leeches", () => {
  /** A card's grader: Easy first, then each lapse() is Again a month on and Easy the day after. */
  function grader(user: User, card: Card) {
    let at = NOW;
    let clientId = "";
    let version = card.version;
    let started = false;
    let lastUpdate: Awaited<ReturnType<typeof recordReview>> | undefined;
    const grade = async (value: 1 | 4) => {
      clientId = newClientId("leech");
      const update = await recordReview(
        user.id,
        { cardId: card.id, grade: value, clientId, expectedVersion: version, durationMs: 1000 },
        at,
      );
      version = update.version;
      lastUpdate = update;
    };
    return {
      async lapse(times: number) {
        if (!started) await grade(4);
        started = true;
        for (let i = 0; i < times; i++) {
          at = new Date(at.getTime() + 30 * DAY);
          await grade(1);
          at = new Date(at.getTime() + DAY);
          if (i < times - 1) await grade(4);
        }
        return { at, lastClientId: clientId, lastUpdate };
      },
      async recover() {
        await grade(4);
      },
    };
  }

  it("marks a card at the threshold's lapse and lists it on home; tag-only leaves it unsuspended", async () => {
    const dave = await newUser("dave", NOW);
    const [card] = await cardsOf(dave.id);
    const cardGrader = grader(dave, card);
    await cardGrader.lapse(LEECH_THRESHOLD_DEFAULT - 1);
    expect((await listLeeches(dave.id)).total).toBe(0);
    await cardGrader.recover();
    await cardGrader.lapse(1);
    const list = await listLeeches(dave.id);
    expect(list).toMatchObject({ threshold: 8, total: 1 });
    expect(list.leeches[0]).toMatchObject({ cardId: card.id, lapses: 8, suspended: false });
    expect((await cardRow(card.id))?.suspended).toBe(false);
    expect((await listLeeches(bob.id)).total).toBe(0);
  });

  it("suspends at the threshold when asked, and undoing that grade unsuspends it", async () => {
    const erin = await newUser("erin", NOW);
    await updateSchedulingSettings(erin.id, { ...DEFAULTS, newCardOrder: "DECK", leechAction: "SUSPEND", leechThreshold: 3 });
    const [card] = await cardsOf(erin.id);
    const { at, lastClientId, lastUpdate } = await grader(erin, card).lapse(3);
    // The review page is told, so the card does not come back in the session.
    expect(lastUpdate?.suspended).toBe(true);
    const row = await cardRow(card.id);
    expect(row).toMatchObject({ lapses: 3, suspended: true, state: CardState.Relearning });
    expect((await listLeeches(erin.id)).leeches[0]).toMatchObject({ cardId: card.id, suspended: true });
    await undoReview(erin.id, lastClientId, at);
    expect(await cardRow(card.id)).toMatchObject({ lapses: 2, suspended: false });
  });
});
