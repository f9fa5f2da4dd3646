import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { tsQueryOfPhrases, wordsOf } from "@/lib/search/query";
import { conceptSearchMatch, syncConceptSearch } from "@/lib/server/concept-search";
import { disconnect, read, write } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { newUser, withoutLinksToOtherDecks } from "../helpers/fixtures";
import { searchRowsOfConcept } from "../helpers/search-index";

const NOW = new Date("2026-03-07T12:00:00Z");
const BUILT_IN = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);

/**
 * The concept ids whose index rows for this user (or the shared text) match a word, or a prefix
 * written `word*`: as an FTS5 query on SQLite, its tsquery twin on PostgreSQL.
 */
async function matching(query: string, userId = ""): Promise<string[]> {
  const tsQuery = tsQueryOfPhrases([{ words: wordsOf(query), prefix: query.endsWith("*") }], "ABCD");
  const rows = await read(
    (db) => db.$queryRaw<{ conceptId: string }[]>`
      SELECT s."conceptId" FROM "ConceptSearch" s
      WHERE ${conceptSearchMatch("s", `{term aliases definition examples} : (${query})`, tsQuery)} AND s."userId" = ${userId}
      ORDER BY s."conceptId"`,
  );
  return rows.map((r) => r.conceptId);
}

async function conceptIdOf(slug: string): Promise<string> {
  return (await read((db) => db.concept.findFirstOrThrow({ where: { slug }, select: { id: true } }))).id;
}

beforeAll(async () => {
  await seedBuiltInDecks([BUILT_IN], NOW);
});

afterAll(async () => {
  await disconnect();
});

describe("the concept full-text index", () => {
  it("holds one row per seeded concept, found by a prefix of a word of its term, in any case", async () => {
    const concepts = await read((db) => db.concept.count());
    const rows = await read((db) => db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "ConceptSearch"`);
    expect(Number(rows[0].n)).toBe(concepts);
    expect(await matching("MESA*")).toContain(await conceptIdOf("mesa-optimizer"));
  });

  it("ignores accents", async () => {
    expect(await matching("optimîzér")).toContain(await conceptIdOf("optimizer"));
  });

  it("follows a concept's new text and a user's wording of it, inside the write that changes them", async () => {
    const alice = await newUser("alice", NOW);
    const id = await conceptIdOf("optimizer");
    await write(async (tx) => {
      await tx.concept.update({ where: { id }, data: { definition: "Zebrafish are mentioned here only." } });
      await tx.conceptOverride.create({
        data: {
          userId: alice.id,
          conceptId: id,
          definition: "Quokka wording of my own.",
          originalHash: "x",
          createdAt: NOW,
          updatedAt: NOW,
        },
      });
      await syncConceptSearch(tx, [id]);
    });
    expect(await matching("zebrafish")).toEqual([id]);
    expect(await matching("quokka")).toEqual([]);
    expect(await matching("quokka", alice.id)).toEqual([id]);
    expect(await matching("zebrafish", alice.id)).toEqual([]);
  });

  it("drops the rows of a concept that no longer exists", async () => {
    const id = await conceptIdOf("base-optimizer");
    await write(async (tx) => {
      await tx.concept.delete({ where: { id } });
      await syncConceptSearch(tx, [id]);
    });
    const rows = await read(
      (db) => db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "ConceptSearch" WHERE ${searchRowsOfConcept(id)}`,
    );
    expect(Number(rows[0].n)).toBe(0);
  });
});
