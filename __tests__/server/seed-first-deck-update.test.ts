import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import fs from "node:fs";
import path from "node:path";
import type { User } from "@/lib/generated/prisma/client";
import { disconnect } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { recordReview } from "@/lib/server/reviews";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { cardsOf, countRows, newClientId, newUser, withoutLinksToOtherDecks } from "../helpers/fixtures";

/*
 * The sharper first deck reaching a server that ran the first version: text changes arrive, the
 * renamed concept keeps its cards and history, the split-off concepts arrive as new cards.
 */

const V1_AT = new Date("2026-03-01T12:00:00Z");
const V2_AT = new Date("2026-03-08T12:00:00Z");
const V1 = {
  name: "learned-optimization.md",
  text: fs.readFileSync(path.join(__dirname, "../fixtures/decks/learned-optimization-v1.md"), "utf8"),
};
// Without its links to the glossary, which the first version predates.
const V2 = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);

let user: User;

beforeAll(async () => {
  await seedBuiltInDecks([V1], V1_AT);
  // The first version had no `default: true`; users were enrolled in every deck then, as here.
  await seedBuiltInDecks(
    [
      {
        ...V1,
        text: V1.text.replace(
          "title: Risks from Learned Optimization\n",
          "title: Risks from Learned Optimization\ndefault: true\n",
        ),
      },
    ],
    V1_AT,
  );
  user = await newUser("existing", V1_AT);
  for (const card of await cardsOf(user.id)) {
    if (!["instrumental-usefulness", "mesa-optimizer", "proxy-alignment"].includes(card.concept.slug)) continue;
    await recordReview(
      user.id,
      { cardId: card.id, grade: 3, clientId: newClientId(), expectedVersion: 0, durationMs: 1000 },
      V1_AT,
    );
  }
});

afterAll(async () => {
  await disconnect();
});

it("updates the first deck in place: the renamed concept keeps its cards, nothing is retired, the new concepts get new cards", async () => {
  const before = await cardsOf(user.id);
  const rows = await countRows();
  const oldRow = before.find((c) => c.concept.slug === "instrumental-usefulness")!.concept;

  const report = await seedBuiltInDecks([V2], V2_AT);

  expect(report).toMatchObject({ renamed: 1, retired: 0, cardsCreated: 6 });
  const after = await cardsOf(user.id);
  // The study order copied onto the cards follows the new deck file; the progress must not change.
  const strip = ({ concept, rank: _rank, ...card }: (typeof after)[number]) => ({ ...card, slug: concept.slug });
  const renamed = after.filter((c) => c.concept.slug === "generalization-through-search");
  expect(renamed.map((c) => c.conceptId)).toEqual([oldRow.id, oldRow.id]);
  expect(renamed[0].concept.term).toBe("Better generalization through search");
  expect(renamed.map((c) => c.reps)).toEqual([1, 1]);
  // Every card that existed is unchanged (only the renamed concept's slug differs).
  const unchanged = before.map((card) => ({
    ...strip(card),
    slug: card.concept.slug === "instrumental-usefulness" ? "generalization-through-search" : card.concept.slug,
  }));
  expect(
    after
      .filter((c) => before.some((b) => b.id === c.id))
      .map(strip)
      .sort((a, b) => a.id.localeCompare(b.id)),
  ).toEqual(unchanged.sort((a, b) => a.id.localeCompare(b.id)));
  expect(new Set(after.filter((c) => !before.some((b) => b.id === c.id)).map((c) => c.concept.slug))).toEqual(
    new Set(["policy-compression", "side-effect-alignment", "instrumental-alignment"]),
  );
  expect(await countRows()).toEqual({ ...rows, concepts: rows.concepts + 3, cards: rows.cards + 6 });
  const mesa = after.find((c) => c.concept.slug === "mesa-optimizer")!.concept;
  expect(JSON.parse(mesa.aliases)).toEqual(["inner optimizer"]);
});
