import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { Prisma, type User } from "@/lib/generated/prisma/client";
import { draftOf } from "@/lib/import/drafts";
import { parseTextImport } from "@/lib/import/text-file";
import { disconnect, read, write } from "@/lib/server/db";
import { FieldErrors } from "@/lib/server/errors";
import { importConcepts, previewImportAgainstDeck, previewImportText } from "@/lib/server/imports";
import { createOwnDeck } from "@/lib/server/own-decks";
import { ImportTextSchema, type ImportConceptInput } from "@/lib/validation/imports";
import { countRows, expectUserError, newUser, schedulingFieldsOf } from "../helpers/fixtures";

const NOW = new Date("2026-03-02T09:00:00Z");
const LATER = new Date("2026-03-09T09:00:00Z");

const NOTES = [
  "# Reading notes: Risks from Learned Optimization",
  "",
  "Mesa-optimizer: a learned model that is itself an optimizer, searching over plans at run time.",
  "Base objective: what the training process rewards the model for doing.",
  "",
  "Why does this matter? The paper argues it is central.",
].join("\n");

function conceptsOf(text: string): ImportConceptInput[] {
  const preview = parseTextImport("notes.md", new TextEncoder().encode(text));
  expect(preview.errors).toEqual([]);
  return preview.concepts.map((concept) => {
    const { line: _line, ...fields } = draftOf(concept);
    return fields;
  });
}

async function searchRows(conceptIds: string[]) {
  return read(
    (db) =>
      db.$queryRaw<{ conceptId: string; definition: string }[]>`
      SELECT "conceptId", "definition" FROM "ConceptSearch"
      WHERE "userId" = '' AND "conceptId" IN (${Prisma.join(conceptIds)})`,
  );
}

let alice: User;
let bob: User;

beforeAll(async () => {
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
});

afterAll(async () => {
  await disconnect();
});

describe("importConcepts", () => {
  let deckId: string;

  it("imports reading notes into a new deck: concepts, new cards and search rows", async () => {
    const concepts = conceptsOf(NOTES);
    expect(concepts.map((c) => c.term)).toEqual(["Mesa-optimizer", "Base objective"]);
    const before = await countRows();
    const outcome = await importConcepts(alice.id, { newDeckTitle: "Learned optimization", concepts }, NOW);
    expect(outcome).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    deckId = outcome.deckId;
    const after = await countRows();
    expect(after.decks - before.decks).toBe(1);
    expect(after.enrolments - before.enrolments).toBe(1);
    expect(after.concepts - before.concepts).toBe(2);
    const stored = await read((db) =>
      db.concept.findMany({ where: { deckId }, orderBy: { position: "asc" }, include: { cards: true, deck: true } }),
    );
    expect(stored[0].deck).toMatchObject({ ownerId: alice.id, title: "Learned optimization" });
    expect(stored.map((c) => c.term)).toEqual(["Mesa-optimizer", "Base objective"]);
    expect(stored[1].definition).toBe("what the training process rewards the model for doing.");
    for (const concept of stored) {
      expect(concept.cards.map((card) => card.kind).sort()).toEqual(["DEFINITION_TO_TERM", "TERM_TO_DEFINITION"]);
      for (const card of concept.cards) expect(card).toMatchObject({ userId: alice.id, state: 0, due: NOW });
    }
    const rows = await searchRows(stored.map((c) => c.id));
    expect(rows.map((r) => r.conceptId).sort()).toEqual(stored.map((c) => c.id).sort());
  });

  it("says a re-import of the same text changes nothing, and adds nothing", async () => {
    const concepts = conceptsOf(NOTES);
    const plan = await previewImportAgainstDeck(alice.id, deckId, concepts);
    expect(plan.statuses).toEqual(["unchanged", "unchanged"]);
    const before = await countRows();
    const outcome = await importConcepts(alice.id, { deckId, concepts }, LATER);
    expect(outcome).toEqual({ deckId, added: 0, updated: 0, unchanged: 2 });
    expect(await countRows()).toEqual(before);
  });

  it("updates the text of an edited definition and leaves its cards' scheduling alone", async () => {
    const mesa = await read((db) => db.concept.findFirstOrThrow({ where: { deckId, term: "Mesa-optimizer" } }));
    // The learner has studied the card since: its scheduling must survive the re-import.
    await write((tx) =>
      tx.card.updateMany({
        where: { conceptId: mesa.id },
        data: { state: 2, stability: 12.5, difficulty: 4.2, reps: 3, due: new Date("2026-03-20T09:00:00Z") },
      }),
    );
    const cardsBefore = await read((db) => db.card.findMany({ where: { conceptId: mesa.id }, orderBy: { kind: "asc" } }));
    const edited = NOTES.replace("searching over plans at run time", "searching over possible plans while it runs").concat(
      "\nInner alignment: making the learned objective match the one it was trained on.\n",
    );
    const concepts = conceptsOf(edited);
    const plan = await previewImportAgainstDeck(alice.id, deckId, concepts);
    expect(plan.statuses).toEqual(["updated", "unchanged", "added"]);
    const outcome = await importConcepts(alice.id, { deckId, concepts }, LATER);
    expect(outcome).toEqual({ deckId, added: 1, updated: 1, unchanged: 1 });
    const after = await read((db) => db.concept.findUniqueOrThrow({ where: { id: mesa.id } }));
    expect(after.definition).toContain("searching over possible plans while it runs");
    const cardsAfter = await read((db) => db.card.findMany({ where: { conceptId: mesa.id }, orderBy: { kind: "asc" } }));
    expect(cardsAfter.map((c) => c.id)).toEqual(cardsBefore.map((c) => c.id));
    expect(cardsAfter.map(schedulingFieldsOf)).toEqual(cardsBefore.map(schedulingFieldsOf));
    const [row] = await searchRows([mesa.id]);
    expect(row.definition).toContain("searching over possible plans while it runs");
    expect(await read((db) => db.concept.count({ where: { deckId } }))).toBe(3);
  });

  it("refuses the whole import when one concept gives its term away, writing nothing", async () => {
    const concepts: ImportConceptInput[] = [
      ...conceptsOf("Outer alignment: making the training objective match what the designers intend.\n"),
      ...conceptsOf("Reward hacking: reward hacking is when a policy hacks its reward.\n"),
    ];
    const plan = await previewImportAgainstDeck(alice.id, deckId, concepts);
    expect(plan.errors[0]).toEqual([]);
    expect(plan.errors[1].length).toBeGreaterThan(0);
    const before = await countRows();
    const error = await expectUserError(importConcepts(alice.id, { deckId, concepts }, LATER), "INVALID");
    expect(error).toBeInstanceOf(FieldErrors);
    expect(Object.keys((error as FieldErrors).fields)).toEqual(["concepts.1"]);
    expect((error as FieldErrors).fields["concepts.1"][0]).toMatch(/^Concept 2: The definition gives .*away/);
    expect(await countRows()).toEqual(before);
    // Nor into a new deck: the deck is not made either.
    await expectUserError(importConcepts(alice.id, { newDeckTitle: "Refused", concepts }, LATER), "INVALID");
    expect(await countRows()).toEqual(before);
  });

  it("refuses two concepts with one term in the same import (a term edited in the preview)", async () => {
    const concepts = [
      ...conceptsOf("Corrigibility: accepting correction.\n"),
      { ...conceptsOf("Shutdown problem: an agent resisting being switched off.\n")[0], term: "corrigibility" },
    ];
    const before = await countRows();
    const error = (await expectUserError(
      importConcepts(alice.id, { newDeckTitle: "Twice", concepts }, NOW),
      "INVALID",
    )) as FieldErrors;
    expect(Object.keys(error.fields).sort()).toEqual(["concepts.0", "concepts.1"]);
    expect(await countRows()).toEqual(before);
  });

  it("does not let another user import into or preview my deck", async () => {
    const concepts = conceptsOf("Goal misgeneralization: competent pursuit of the wrong goal off-distribution.\n");
    const before = await countRows();
    const stored = await read((db) => db.concept.findMany({ where: { deckId }, orderBy: { id: "asc" } }));
    await expectUserError(importConcepts(bob.id, { deckId, concepts }, LATER), "NOT_FOUND");
    await expectUserError(previewImportAgainstDeck(bob.id, deckId, concepts), "NOT_FOUND");
    expect(await countRows()).toEqual(before);
    expect(await read((db) => db.concept.findMany({ where: { deckId }, orderBy: { id: "asc" } }))).toEqual(stored);
  });

  it("validates its input: one target, at least one concept", async () => {
    const { deckId: bobDeck } = await createOwnDeck(bob.id, { title: "Bob's", description: "" }, NOW);
    const concepts = conceptsOf("Sandbagging: underperforming on purpose during an evaluation.\n");
    await expectUserError(importConcepts(bob.id, { deckId: bobDeck, newDeckTitle: "Both", concepts }, NOW), "INVALID");
    await expectUserError(importConcepts(bob.id, { deckId: bobDeck, concepts: [] }, NOW), "INVALID");
    const outcome = await importConcepts(bob.id, { deckId: bobDeck, concepts }, NOW);
    expect(outcome).toEqual({ deckId: bobDeck, added: 1, updated: 0, unchanged: 0 });
  });
});

describe("previewImportText", () => {
  it("reads an Anki text export and says what it would do to my deck", async () => {
    const { deckId } = await createOwnDeck(alice.id, { title: "From Anki", description: "" }, NOW);
    await importConcepts(
      alice.id,
      { deckId, concepts: conceptsOf("Deceptive alignment: a model that appears aligned in training to be deployed.\n") },
      NOW,
    );
    const text = [
      "#separator:tab",
      "#html:false",
      "Deceptive alignment\ta model that appears aligned in training to be deployed.",
      "Situational awareness\ta model knowing facts about its own training and deployment.",
    ].join("\n");
    const preview = await previewImportText(alice.id, { fileName: "export.tsv", text, deckId });
    expect(preview.format).toBe("anki-text");
    expect(preview.concepts.map((c) => [c.term, c.line])).toEqual([
      ["Deceptive alignment", 3],
      ["Situational awareness", 4],
    ]);
    expect(preview.plan.statuses).toEqual(["unchanged", "added"]);
    await expectUserError(previewImportText(bob.id, { fileName: "export.tsv", text, deckId }), "NOT_FOUND");
  });

  it("takes text files only, up to 5 MB", () => {
    const refused = ImportTextSchema.safeParse({ fileName: "deck.apkg", text: "x" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toBe("Only .txt, .md, .tsv, .csv files can be imported.");
    expect(ImportTextSchema.safeParse({ fileName: "notes.md", text: "a".repeat(5 * 1024 * 1024 + 1) }).success).toBe(false);
    expect(ImportTextSchema.safeParse({ fileName: "notes.md", text: "   " }).success).toBe(false);
    expect(ImportTextSchema.safeParse({ fileName: "Notes.MD", text: "Term: a definition." }).success).toBe(true);
  });
});
