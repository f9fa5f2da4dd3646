import { answersOf, mapAnkiCollection, type AnkiCollectionRows } from "@/lib/import/anki-collection";
import { parseAnkiText } from "@/lib/import/anki-text";

const T0 = Date.UTC(2025, 0, 6, 4);
const DAY = 24 * 60 * 60 * 1000;

function rows(overrides: Partial<AnkiCollectionRows> = {}): AnkiCollectionRows {
  return {
    schedVer: 2,
    notetypes: [
      { id: 1, name: "Three cards", kind: 0 },
      { id: 2, name: "Front only", kind: 0 },
    ],
    decks: [{ id: 10, name: "Top\x1fSub" }],
    notes: [
      { id: 100, guid: "g1", mid: 1, tags: " a::b  c ", flds: "Term one\x1fDefinition one\x1fExtra" },
      { id: 101, guid: "g2", mid: 2, tags: "", flds: "Lonely front" },
      { id: 102, guid: "g3", mid: 99, tags: "", flds: "Orphan\x1fNo note type" },
    ],
    cards: [0, 1, 2].map((ord) => ({ id: 200 + ord, nid: 100, did: 10, odid: 0, ord, queue: 2 })),
    revlog: [200, 201, 202].map((cid, i) => ({ id: T0 + i, cid, ease: 3, type: 0, factor: 0, time: 1000 })),
    mediaNames: [],
    ...overrides,
  };
}

describe("mapAnkiCollection", () => {
  it("makes cards 1 and 2 the two kinds and leaves a third template's history out, counted", () => {
    const preview = mapAnkiCollection(rows());
    expect(preview.concepts.map((c) => [c.term, c.definition, c.tags, c.deckName])).toEqual([
      ["Term one", "Definition one", ["a-b", "c"], "Top / Sub"],
    ]);
    expect(preview.histories.map((h) => [h.kind, h.sourceCardId])).toEqual([
      ["TERM_TO_DEFINITION", "200"],
      ["DEFINITION_TO_TERM", "201"],
    ]);
    expect(preview.warnings).toEqual(["The history of 1 card from a third or later card template was left out"]);
  });

  it("lists notes of a one-field note type and of a missing note type by note id", () => {
    expect(mapAnkiCollection(rows()).skipped).toEqual([
      { noteId: "101", text: "Lonely front", reason: 'its note type "Front only" has one field: there is no definition' },
      { noteId: "102", text: "Orphan | No note type", reason: "its note type (id 99) is not in the package" },
    ]);
  });

  it("refuses more than 100,000 notes", () => {
    const notes = Array.from({ length: 100_001 }, (_, i) => ({ id: i, guid: `g${i}`, mid: 1, tags: "", flds: `T${i}\x1fD` }));
    expect(mapAnkiCollection(rows({ notes, cards: [], revlog: [] })).errors).toEqual([
      "The package has 100,001 notes, more than the 100,000 one import takes",
    ]);
  });
});

describe("answersOf", () => {
  const row = (day: number, ease: number, type: number, factor = 2500) => ({
    id: T0 + day * DAY,
    cid: 1,
    ease,
    type,
    factor,
    time: 1000,
  });

  it("keeps answers after the last reset, without cramming, manual or rescheduling rows, in time order", () => {
    const answers = answersOf(
      [
        row(9, 3, 1),
        row(0, 3, 0, 0),
        row(1, 0, 4, 0),
        row(2, 1, 0, 0),
        row(3, 2, 3, 0),
        row(4, 3, 3),
        row(5, 0, 4),
        row(6, 4, 5),
      ],
      false,
    );
    expect(answers.map((a) => [(a.reviewedAt.getTime() - T0) / DAY, a.grade])).toEqual([
      [2, 1],
      [4, 3],
      [9, 3],
    ]);
  });

  it("shifts v1 learning and relearning eases 2 and 3 up, leaving review and filtered answers alone", () => {
    expect(answersOf([row(0, 2, 0), row(1, 3, 0), row(2, 2, 1), row(3, 2, 2), row(4, 2, 3)], true).map((a) => a.grade)).toEqual([
      3, 4, 2, 3, 2,
    ]);
  });

  it("leaves a v1 collection nobody studied unshifted (Anki upgrades only when a card left the new queue)", () => {
    const preview = mapAnkiCollection(rows({ schedVer: null, cards: rows().cards.map((c) => ({ ...c, queue: 0 })) }));
    expect(preview.histories[0].reviews.map((r) => r.grade)).toEqual([3]);
    expect(mapAnkiCollection(rows({ schedVer: null })).histories[0].reviews.map((r) => r.grade)).toEqual([4]);
  });
});

describe("parseAnkiText limits", () => {
  it("refuses more than 100,000 notes", () => {
    const text = Array.from({ length: 100_001 }, (_, i) => `T${i}\tD${i}`).join("\n");
    expect(parseAnkiText(text).errors).toEqual(["The file has more than 100,000 notes, the most one import takes"]);
  });
});
