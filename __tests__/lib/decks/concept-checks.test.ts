import { checkConcept, errorsByField, nameKey, type CheckContext, type ConceptDraft } from "@/lib/decks/concept-checks";

const EMPTY: CheckContext = { deckNames: [], known: new Set(), requires: new Map() };

function draft(fields: Partial<ConceptDraft>): ConceptDraft {
  return {
    id: null,
    term: "Reward hacking",
    aliases: [],
    definition: "A policy exploiting flaws in its training signal to score highly without doing the intended task.",
    prerequisiteIds: [],
    ...fields,
  };
}

describe("checkConcept", () => {
  it("passes a sound concept with no issue", () => {
    expect(checkConcept(draft({}), EMPTY)).toEqual([]);
  });

  it("refuses an empty definition and one over the character limit, and warns over 60 words", () => {
    expect(checkConcept(draft({ definition: "  " }), EMPTY)).toEqual([
      { field: "definition", level: "error", message: "Write a definition." },
    ]);
    expect(checkConcept(draft({ definition: "x".repeat(4001) }), EMPTY)[0]).toMatchObject({
      field: "definition",
      level: "error",
    });
    const long = Array.from({ length: 61 }, (_, i) => `w${i}`).join(" ");
    const issues = checkConcept(draft({ definition: long }), EMPTY);
    expect(issues).toEqual([
      expect.objectContaining({ field: "definition", level: "warning", message: expect.stringMatching(/^61 words/) }),
    ]);
    expect(errorsByField(issues)).toEqual({});
    expect(checkConcept(draft({ definition: Array.from({ length: 60 }, (_, i) => `w${i}`).join(" ") }), EMPTY)).toEqual([]);
  });

  it("refuses a definition that gives its term or an alias away", () => {
    const issues = checkConcept(draft({ definition: "Hacking the reward signal instead of doing the task." }), EMPTY);
    expect(issues).toEqual([
      expect.objectContaining({ field: "definition", level: "error", message: expect.stringContaining("“Reward hacking”") }),
    ]);
    const byAlias = checkConcept(
      draft({
        aliases: ["specification gaming"],
        definition: "Gaming a specification of the goal rather than meeting its intent.",
      }),
      EMPTY,
    );
    expect(byAlias.map((i) => i.message)).toEqual([expect.stringContaining("“specification gaming”")]);
  });

  it("refuses a term or alias already used in the deck, ignoring case, accents and articles, but not the concept's own", () => {
    const context: CheckContext = { ...EMPTY, deckNames: [{ id: "c1", term: "The Optimizer", aliases: ["Optimiser"] }] };
    expect(errorsByField(checkConcept(draft({ term: "optimizer" }), context))).toEqual({
      term: ["“optimizer” is already used in this deck (by “The Optimizer”)."],
    });
    expect(errorsByField(checkConcept(draft({ aliases: ["OPTIMISER", "Reward hacking"] }), context))).toEqual({
      aliases: [
        "“OPTIMISER” is already used in this deck (by “The Optimizer”).",
        "“Reward hacking” is listed twice (or is the term itself).",
      ],
    });
    expect(checkConcept(draft({ id: "c1", term: "Optimizer" }), context)).toEqual([]);
    expect(nameKey("  The Mésa-Optimizer ")).toBe("mesa optimizer");
    // Names in other scripts are compared too, and never all alike.
    const cjk: CheckContext = { ...EMPTY, deckNames: [{ id: "c2", term: "学习", aliases: [] }] };
    expect(checkConcept(draft({ term: "优化" }), cjk)).toEqual([]);
    expect(errorsByField(checkConcept(draft({ term: "学习" }), cjk)).term).toEqual([
      "“学习” is already used in this deck (by “学习”).",
    ]);
    expect(checkConcept(draft({ term: "Reward hacking", aliases: ["!!!"] }), cjk)).toEqual([]);
  });

  it("refuses a dangling prerequisite, the concept itself, and a prerequisite that closes a cycle", () => {
    const context: CheckContext = {
      deckNames: [],
      known: new Set(["a", "b", "self"]),
      requires: new Map([
        ["a", ["b"]],
        ["b", ["self"]],
      ]),
    };
    expect(errorsByField(checkConcept(draft({ id: "self", prerequisiteIds: ["gone"] }), context)).prerequisites).toEqual([
      expect.stringContaining("not one of the concepts you can see"),
    ]);
    expect(errorsByField(checkConcept(draft({ id: "self", prerequisiteIds: ["self"] }), context)).prerequisites).toEqual([
      "A concept cannot require itself.",
    ]);
    expect(errorsByField(checkConcept(draft({ id: "self", prerequisiteIds: ["a"] }), context)).prerequisites).toEqual([
      expect.stringContaining("cycle"),
    ]);
    // A new concept cannot close a cycle: nothing requires it yet.
    expect(checkConcept(draft({ prerequisiteIds: ["a"] }), context)).toEqual([]);
  });
});
