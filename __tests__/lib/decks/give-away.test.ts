import { findGiveAways } from "@/lib/decks/give-away";

function names(term: string, definition: string, aliases: string[] = []): string[] {
  return findGiveAways({ term, aliases, definition }).map((g) => g.name);
}

describe("findGiveAways", () => {
  it("finds the term written out in its own definition, whatever the case", () => {
    expect(
      findGiveAways({ term: "Features", aliases: [], definition: "The properties a FEATURE detector responds to." }),
    ).toEqual([{ name: "Features", words: ["feature"] }]);
  });

  it("compares words by stem: another inflection of the same word gives the term away", () => {
    expect(names("Wireheading", 'Borrowed from fiction, whose "wireheads" stimulate their brains.')).toEqual(["Wireheading"]);
    expect(names("Probing", "A successful probe shows the information is present.")).toEqual(["Probing"]);
    expect(names("Extremal Goodhart", "The variant of Goodhart's law reached at extreme values.")).toEqual(["Extremal Goodhart"]);
  });

  it("does not take a different word that merely starts alike for the term", () => {
    expect(names("Probing", "The problem of reading a property out of activations with a simple classifier.")).toEqual([]);
  });

  it("needs every word of a longer name: one shared word is not a give-away", () => {
    expect(names("Reward hacking", "An agent earning high reward through a flaw in how the reward is computed.")).toEqual([]);
    expect(names("Value learning", "An AI system inferring what humans value from how they behave.")).toEqual([]);
    expect(names("Value learning", "An AI system that learns what humans value from how they behave.")).toEqual([
      "Value learning",
    ]);
  });

  it("ignores small words such as articles and prepositions in the name", () => {
    expect(names("AI safety via debate", "For safety, two AI systems debate a question before a judge.")).toEqual([
      "AI safety via debate",
    ]);
  });

  it("sees through a negating or intensifying prefix: misgeneralization by generalization, overoptimization by optimizing", () => {
    expect(names("Goal misgeneralization", "A generalization failure in which a system pursues another goal.")).toEqual([
      "Goal misgeneralization",
    ]);
    expect(
      names("Reward model overoptimization", "Optimizing a policy against a learned reward model until quality falls."),
    ).toEqual(["Reward model overoptimization"]);
  });

  it("matches a short stem against a longer one of the same word (automated, automatically)", () => {
    expect(names("Automated red teaming", "Red teaming whose inputs are generated automatically.")).toEqual([
      "Automated red teaming",
    ]);
  });

  it("checks the aliases too, acronyms included, and reports each name given away once", () => {
    expect(names("Goal", "The target of what a system itself optimizes for.", ["what a system optimizes for"])).toEqual([
      "what a system optimizes for",
    ]);
    expect(names("Responsible scaling policy", "A developer's published RSP-style commitment.", ["RSP", "RSP"])).toEqual(["RSP"]);
  });

  it("counts a word that restates a name word: knowing for awareness, pursuing for seeking", () => {
    expect(
      names("Situational awareness", "A model's knowledge of its own situation, such as being tested rather than deployed."),
    ).toEqual(["Situational awareness"]);
    expect(names("Power-seeking", "The source defines power and proves that optimal policies tend to pursue it.")).toEqual([
      "Power-seeking",
    ]);
    // The restatement alone is not enough: the name's other word must be there too.
    expect(names("Situational awareness", "What a model knows about itself and its circumstances.")).toEqual([]);
    expect(names("Power-seeking", "Behaviour by which a system pursues the ability to achieve many goals.")).toEqual([]);
  });

  it("finds a multi-word name's hyphenated compound written out, with or without the hyphen", () => {
    expect(names("Off-switch game", "A model in which a robot can act at once, bypassing its off switch.")).toEqual([
      "Off-switch game",
    ]);
    expect(
      findGiveAways({ term: "Off-switch game", aliases: [], definition: "A robot that can disable its off-switch first." }),
    ).toEqual([{ name: "Off-switch game", words: ["off switch"] }]);
    // The compound's words apart from each other are not the compound.
    expect(names("Off-switch game", "A robot can switch itself off, or wait and let a human decide.")).toEqual([]);
    // A compound that is the name's generic last word does not give the name away.
    expect(
      names("Robust alignment", "A mesa-optimizer whose objective agrees everywhere.", ["robustly aligned mesa-optimizer"]),
    ).toEqual([]);
  });

  it("passes a definition that conveys the idea in other words", () => {
    expect(
      names(
        "Wireheading",
        "An agent seizing direct control of the signal that rewards it, so it scores the maximum whatever happens.",
        [],
      ),
    ).toEqual([]);
  });
});
