import { rankConcepts, type RankableConcept } from "@/lib/decks/concept-rank";

const concept = (slug: string, ...prerequisites: string[]): RankableConcept => ({ slug, prerequisites });

/** The slugs in rank order. */
function studyOrder(concepts: RankableConcept[]): string[] {
  const ranks = rankConcepts(concepts);
  return concepts
    .map((c, i) => ({ slug: c.slug, rank: ranks[i] }))
    .sort((a, b) => a.rank - b.rank)
    .map((c) => c.slug);
}

describe("rankConcepts", () => {
  it("keeps deck order when every prerequisite comes first", () => {
    expect(rankConcepts([concept("a"), concept("b", "a"), concept("c", "a", "b")])).toEqual([0, 1, 2]);
  });

  it("moves a concept placed before its prerequisite to just after it; the rest keep deck order", () => {
    expect(studyOrder([concept("w"), concept("needs-z", "z"), concept("x"), concept("z"), concept("y")])).toEqual([
      "w",
      "x",
      "z",
      "needs-z",
      "y",
    ]);
  });

  it("follows a chain of prerequisites listed in reverse", () => {
    expect(studyOrder([concept("c", "b"), concept("b", "a"), concept("a")])).toEqual(["a", "b", "c"]);
  });

  it("waits for every prerequisite, wherever each is listed", () => {
    expect(studyOrder([concept("both", "late", "early"), concept("early"), concept("middle"), concept("late")])).toEqual([
      "early",
      "middle",
      "late",
      "both",
    ]);
  });

  it("ranks every concept when the prerequisites form a cycle, breaking it at its first concept in deck order", () => {
    const concepts = [concept("x", "y"), concept("y", "z"), concept("z", "x"), concept("free")];
    expect([...rankConcepts(concepts)].sort()).toEqual([0, 1, 2, 3]);
    // "free" has no unmet prerequisite; then x goes as if its prerequisite were met, which meets z's, then y's.
    expect(studyOrder(concepts)).toEqual(["free", "x", "z", "y"]);
  });

  it("when stuck, takes the earliest concept not yet ranked, even one that only waits for a cycle", () => {
    // Nothing is available after "plain": "after" is earliest in deck order, then the cycle p <-> q.
    expect(studyOrder([concept("after", "p"), concept("p", "q"), concept("q", "p"), concept("plain")])).toEqual([
      "plain",
      "after",
      "p",
      "q",
    ]);
  });

  it("ignores a concept listing itself, an unknown slug and a repeated prerequisite", () => {
    expect(
      studyOrder([concept("self", "self"), concept("ghost", "not-in-deck"), concept("twice", "next", "next"), concept("next")]),
    ).toEqual(["self", "ghost", "next", "twice"]);
  });

  it("gives distinct ranks 0..n-1 for a large deck with many back and forward prerequisites", () => {
    const n = 5000;
    const concepts = Array.from({ length: n }, (_, i) =>
      concept(`c${i}`, ...[i - 1, i + 3, (i * 7919) % n].filter((j) => j >= 0 && j < n && j !== i).map((j) => `c${j}`)),
    );
    const ranks = rankConcepts(concepts);
    expect(new Set(ranks).size).toBe(n);
    expect(Math.min(...ranks)).toBe(0);
    expect(Math.max(...ranks)).toBe(n - 1);
  });

  it("returns nothing for an empty deck", () => {
    expect(rankConcepts([])).toEqual([]);
  });
});
