import { qualifiedRef, refFromDeck, rewriteRefs } from "@/lib/decks/concept-refs";

describe("concept refs", () => {
  it("qualifies a bare ref with the deck it is written in, and writes a ref bare within its own deck", () => {
    expect(qualifiedRef("beta", "notes")).toBe("notes/beta");
    expect(qualifiedRef("other/beta", "notes")).toBe("other/beta");
    expect(refFromDeck("notes/beta", "notes")).toBe("beta");
    expect(refFromDeck("other/beta", "notes")).toBe("other/beta");
    // A deck slug that is a prefix of another is not the same deck.
    expect(refFromDeck("notes-2/beta", "notes")).toBe("notes-2/beta");
  });

  it("rewrites refs to moved concepts and drops refs to deleted ones, keeping order without duplicates", () => {
    const renamed = new Map([["a/beta", "b/beta"]]);
    expect(rewriteRefs(["beta", "gamma"], "a", "a", renamed)).toEqual(["b/beta", "gamma"]);
    // The moved concept itself: its bare refs pointed into its old deck.
    expect(rewriteRefs(["gamma", "b/delta"], "a", "b", renamed)).toEqual(["a/gamma", "delta"]);
    expect(rewriteRefs(["beta", "a/beta", "gamma"], "a", "a", new Map(), new Set(["a/beta"]))).toEqual(["gamma"]);
    expect(rewriteRefs(["b/beta", "beta"], "a", "b", new Map([["b/beta", "b/beta"]]))).toEqual(["beta", "a/beta"]);
  });
});
