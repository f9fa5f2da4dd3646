import fs from "node:fs";
import path from "node:path";
import { parseNotes } from "@/lib/import/notes";

const FIXTURES = path.join(__dirname, "../../fixtures/notes");
const fixture = (name: string) => parseNotes(fs.readFileSync(path.join(FIXTURES, name), "utf8"));
const terms = (text: string) => parseNotes(text).concepts.map((c) => c.term);

describe("parseNotes on reading notes in several styles", () => {
  it("reads `Term : def` and `Term: def` lines, joins indented continuations and tags them with the headings above", () => {
    const preview = fixture("colon-notes.md");
    expect(preview.errors).toEqual([]);
    expect(preview.concepts.map((c) => [c.line, c.term])).toEqual([
      [7, "Optimizer"],
      [8, "Mesa-optimizer"],
      [9, "Base optimizer"],
      [10, "Mesa-objective"],
      [20, "Inner alignment"],
      [21, "Outer alignment"],
    ]);
    const objective = preview.concepts[3];
    expect(objective.definition).toBe("the objective the mesa-optimizer pursues, which need not be the base objective.");
    expect(objective.tags).toEqual(["risks-from-learned-optimization", "core-terms"]);
    expect(preview.concepts[4].tags).toEqual(["risks-from-learned-optimization", "alignment"]);
  });

  it("lists every line it leaves out with its line number and reason", () => {
    const skipped = fixture("colon-notes.md").skipped.map((s) => [s.line, s.reason]);
    expect(skipped).toEqual([
      [3, "a reference, not a definition"],
      [12, '"Note:" is a label, not a term'],
      [13, "the text before the separator reads as a sentence, not a term"],
      [14, '"Q:" is a label, not a term'],
      [15, '"A:" is a label, not a term'],
      [16, "prose, not a definition"],
      [22, "a link on its own, with nothing to define"],
      [23, "a reference, not a definition"],
    ]);
  });

  it("reads bold terms with em dash, colon inside or outside the bold, and hyphen; attaches an Example line", () => {
    const preview = fixture("bold-bullets.md");
    expect(preview.concepts.map((c) => c.term)).toEqual([
      "Goal misgeneralization",
      "Capability generalization",
      "Specification gaming",
      "Reward hacking",
    ]);
    expect(preview.concepts[0].definition).toBe(
      "a model competently pursues a goal other than the intended one when the situation is new.",
    );
    expect(preview.concepts[2].definition).toBe("satisfying the literal objective without achieving the intended outcome.");
    expect(preview.concepts[2].examples).toEqual(["a boat-racing agent circling to collect points instead of finishing."]);
    expect(preview.concepts[3].tags).toEqual(["week-3-reading-goal-misgeneralization", "related"]);
    expect(preview.skipped.map((s) => [s.line, s.reason])).toEqual([
      [8, "prose, not a definition"],
      [9, "a question, not a definition"],
      [10, "a reference, not a definition"],
    ]);
  });

  it("makes a `## Term` heading with its paragraphs a concept, and document-part headings tags", () => {
    const preview = fixture("heading-sections.md");
    expect(preview.concepts.map((c) => [c.line, c.term, c.tags])).toEqual([
      [7, "Superposition", ["interpretability-glossary"]],
      [14, "Polysemantic neuron", ["interpretability-glossary"]],
      [23, "Probing", ["interpretability-glossary", "2-methods"]],
    ]);
    expect(preview.concepts[0].definition).toBe(
      "A network representing more features than it has dimensions, by giving features directions that overlap.\n\nSparse features make this cheaper.",
    );
    expect(preview.skipped.map((s) => s.line)).toEqual([5, 19]);
  });

  it("reads markdown definition lists (several `: ` lines become paragraphs) and dash separators", () => {
    const preview = fixture("definition-list.txt");
    expect(preview.concepts.map((c) => c.term)).toEqual([
      "Causal decision theory",
      "Evidential decision theory",
      "Newcomb's problem",
      "Updateless decision theory",
      "Functional decision theory",
    ]);
    expect(preview.concepts[1].definition).toBe(
      "choose the act that is the best evidence of a good outcome.\n\noften contrasted with causal decision theory in Newcomb's problem.",
    );
    expect(preview.concepts.every((c) => c.tags.join() === "decision-theory-notes")).toBe(true);
    expect(preview.skipped).toEqual([
      { line: 13, text: "Meeting 2024-03-01 14:00 - 15:30", reason: "a date or time, not a term" },
    ]);
  });
});

describe("parseNotes avoids false positives", () => {
  it.each([
    ["Note: see below", '"Note:" is a label, not a term'],
    ["Q: what is a mesa-optimizer?", '"Q:" is a label, not a term'],
    ["A: a learned optimizer, roughly", '"A:" is a label, not a term'],
    ["We started at 10:30 and finished late", "prose, not a definition"],
    ["Meeting at 10:30: discuss chapter two", "a date or time, not a term"],
    ["Later in the second half of the paper the authors finally argue: it generalises", expect.stringContaining("words")],
    ["After the talk: prose about it", "the text before the separator reads as a sentence, not a term"],
    ["The key idea, roughly: models can plan", "the text before the separator is a sentence, not a term"],
    ["https://arxiv.org/abs/1906.01820", "a link on its own, with nothing to define"],
    ["[Paper](https://example.org/paper)", "a link on its own, with nothing to define"],
    ["Source: https://example.org/paper", '"Source:" is a label, not a term'],
    ["Why: does it generalise?", '"Why:" is a label, not a term'],
    ["This is **important** to remember.", "prose, not a definition"],
    ["2019 - the year the paper came out", "no term before the separator"],
    ["Ratio 3:1 of cats to dogs", "prose, not a definition"],
    ["Step 1: collect the reading list", '"Step 1" numbers an item, it is not a term'],
    ["Monday: reading group on inner alignment", '"Monday:" is a label, not a term'],
    ["Alice: I think it generalises badly", "a remark in the first person, not a definition"],
  ])("skips %j", (line, reason) => {
    const preview = parseNotes(line);
    expect(preview.concepts).toEqual([]);
    expect(preview.skipped).toEqual([{ line: 1, text: line, reason }]);
    expect(preview.errors).toEqual([expect.stringContaining("No definitions found")]);
  });

  it("does not read a definition out of a fenced code block", () => {
    const preview = parseNotes("```\nloss: float = 0.5\n```\nLoss: a number scoring how badly a model does.");
    expect(preview.concepts.map((c) => [c.line, c.term])).toEqual([[4, "Loss"]]);
    expect(preview.skipped).toEqual([{ line: 1, text: "```", reason: "a code block, not a definition" }]);
  });

  it("keeps the first of two concepts with the same term and lists the second", () => {
    const preview = parseNotes(
      "Corrigibility: accepting correction.\nCorrigibility: willingness to be shut down by its operators.",
    );
    expect(preview.concepts.map((c) => c.definition)).toEqual(["accepting correction."]);
    expect(preview.skipped).toEqual([
      { line: 2, text: "Corrigibility: willingness to be shut down by its operators.", reason: "the same term as line 1" },
    ]);
  });

  it("takes a `Term:` line whose definition is all on indented lines, and refuses a term with nothing after it", () => {
    const preview = parseNotes(
      "Deceptive alignment:\n  a mesa-optimizer that behaves aligned\n  to avoid being modified.\n\nOrphan:\n",
    );
    expect(preview.concepts.map((c) => [c.term, c.definition])).toEqual([
      ["Deceptive alignment", "a mesa-optimizer that behaves aligned to avoid being modified."],
    ]);
    expect(preview.skipped).toEqual([{ line: 5, text: "Orphan: ", reason: "a term with no definition" }]);
  });

  it("reports an empty text as an error", () => {
    expect(parseNotes("\n\n  \n").errors).toEqual([expect.stringContaining("The text is empty")]);
  });
});

describe("parseNotes on a style no fixture has", () => {
  it("reads numbered lists with CRLF line ends, en dashes and spaced colons", () => {
    const text =
      "## Week 5 — Debate\r\n1. Debate – two models argue and a judge picks the more convincing answer.\r\n2) Amplification : solving a hard task by breaking it into easier ones.\r\n";
    const preview = parseNotes(text);
    expect(preview.concepts.map((c) => [c.line, c.term, c.tags])).toEqual([
      [2, "Debate", ["week-5-debate"]],
      [3, "Amplification", ["week-5-debate"]],
    ]);
  });

  it("leaves a tag of a closed section off the concepts after it", () => {
    expect(
      parseNotes("## Part A\n### Inner\nAlpha term: first letter here.\n## Part B\nBeta term: second letter here.").concepts.map(
        (c) => c.tags,
      ),
    ).toEqual([["part-a", "inner"], ["part-b"]]);
  });

  it("keeps definitions as text: HTML in notes stays literal characters", () => {
    const [concept] = parseNotes("XSS: <script>alert(1)</script> injected into a page.").concepts;
    expect(concept.definition).toBe("<script>alert(1)</script> injected into a page.");
    expect(terms("Reward model: a model trained to predict human preferences.")).toEqual(["Reward model"]);
  });
});

describe("parseNotes on loosely kept notes", () => {
  it("reads nested list definitions as concepts of their own, not as one long continuation", () => {
    const preview = parseNotes(
      "An optimizer system can have:\n\t- a purpose : what it is optimized to do.\n\t- a goal : what it optimizes for.\n",
    );
    expect(preview.concepts.map((c) => [c.line, c.term, c.definition])).toEqual([
      [2, "a purpose", "what it is optimized to do."],
      [3, "a goal", "what it optimizes for."],
    ]);
  });

  it("gives a bare `Term:` line the paragraph under it, but not a definition line or a label", () => {
    const preview = parseNotes(
      "Optimizer:\n*a system searching a space of outputs for ones that score high*\nstill the same paragraph.\n\nAfter the blank line: prose here.\n\nEvolution example:\nEvolution selected organisms.\n\nAlpha:\nBeta: the second letter of the alphabet.\n",
    );
    expect(preview.concepts.map((c) => [c.line, c.term, c.definition])).toEqual([
      [1, "Optimizer", "*a system searching a space of outputs for ones that score high* still the same paragraph."],
      [11, "Beta", "the second letter of the alphabet."],
    ]);
    expect(preview.skipped.map((s) => [s.line, s.reason])).toEqual([
      [5, "the text before the separator reads as a sentence, not a term"],
      [7, '"Evolution example:" is a label, not a term'],
      [8, "prose, not a definition"],
      [10, "a term with no definition"],
    ]);
  });

  it("does not make a heading over a quoted passage a concept, and tags with a linked heading's title", () => {
    const preview = parseNotes(
      '### [https://example.org/post | Risks from learned optimization - intro]\n\nOptimizer: a system that searches.\n\n##### Precision on optimizers\n*"Whether a system is an optimizer is a property of its structure."*\n\n## [Inner alignment](https://example.org/inner)\nMesa-objective: what the learned optimizer pursues.\n',
    );
    expect(preview.concepts.map((c) => [c.term, c.tags])).toEqual([
      ["Optimizer", ["risks-from-learned-optimization-intro"]],
      ["Mesa-objective", ["inner-alignment"]],
    ]);
    expect(preview.skipped.map((s) => s.line)).toEqual([6]);
  });
});
