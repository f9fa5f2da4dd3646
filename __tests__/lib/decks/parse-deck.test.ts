import fs from "node:fs";
import path from "node:path";
import { parseDeck, slugify, type ParsedDeck } from "@/lib/decks/parse-deck";

const VALID = `---
slug: test-deck
title: Test deck
description: A deck for tests.
source: Some Paper (Author, 2020) https://example.org/paper
---

## Gradient descent
An optimization method that repeatedly moves parameters
a small step against the gradient of a loss.

It is the usual base optimizer in deep learning.
- aliases: GD, steepest descent
- example: Training a network's weights.
- example: Fitting a line by least squares.
- confusable: loss-function
- source: Section 2
- tags: Optimization, training

## Loss function
A function that scores how badly a model does.
- slug: loss-function
- confusable: gradient-descent
- requires: gradient-descent
`;

function parseOk(text: string): ParsedDeck {
  const result = parseDeck(text);
  if (!result.ok) throw new Error(`expected a valid deck, got:\n${result.errors.join("\n")}`);
  return result.deck;
}

function parseErrors(text: string): string[] {
  const result = parseDeck(text);
  if (result.ok) throw new Error("expected errors, but the deck parsed");
  return result.errors;
}

/** Replaces the part of VALID after the front matter. */
const withBody = (body: string) => `---\nslug: test-deck\ntitle: Test deck\n---\n${body}`;

describe("parseDeck on a valid deck", () => {
  it("reads the front matter, including a source split into title and URL", () => {
    const deck = parseOk(VALID);
    expect({ ...deck, concepts: undefined }).toEqual({
      slug: "test-deck",
      title: "Test deck",
      description: "A deck for tests.",
      sourceTitle: "Some Paper (Author, 2020)",
      sourceUrl: "https://example.org/paper",
      enrolByDefault: false,
      concepts: undefined,
    });
  });

  it("reads every field of each concept; multi-line paragraphs are joined and paragraphs kept apart", () => {
    const deck = parseOk(VALID);
    expect(deck.concepts).toEqual([
      {
        slug: "gradient-descent",
        term: "Gradient descent",
        definition:
          "An optimization method that repeatedly moves parameters a small step against the gradient of a loss.\n\nIt is the usual base optimizer in deep learning.",
        aliases: ["GD", "steepest descent"],
        examples: ["Training a network's weights.", "Fitting a line by least squares."],
        confusables: ["loss-function"],
        prerequisites: [],
        sourceLocator: "Section 2",
        tags: ["optimization", "training"],
        formerly: [],
        line: 8,
        links: [{ field: "confusable", ref: "loss-function", line: 16 }],
      },
      {
        slug: "loss-function",
        term: "Loss function",
        definition: "A function that scores how badly a model does.",
        aliases: [],
        examples: [],
        confusables: ["gradient-descent"],
        prerequisites: ["gradient-descent"],
        sourceLocator: "",
        tags: [],
        formerly: [],
        line: 20,
        links: [
          { field: "confusable", ref: "gradient-descent", line: 23 },
          { field: "requires", ref: "gradient-descent", line: 24 },
        ],
      },
    ]);
  });

  it("accepts Windows line endings and a byte-order mark", () => {
    const deck = parseOk(`\uFEFF${VALID.replace(/\n/g, "\r\n")}`);
    expect(deck.concepts.map((c) => c.slug)).toEqual(["gradient-descent", "loss-function"]);
    expect(deck.concepts[0].definition).toBe(parseOk(VALID).concepts[0].definition);
  });

  it("derives a slug from the title when the front matter has none", () => {
    const deck = parseOk(`---\ntitle: Risks from Learned Optimization\n---\n## A\nDefinition.\n`);
    expect(deck.slug).toBe("risks-from-learned-optimization");
    expect(deck.sourceUrl).toBe("");
  });
});

describe("parseDeck: default decks, cross-deck links and former slugs", () => {
  it("reads `default: true` from the front matter", () => {
    expect(parseOk("---\ntitle: T\ndefault: true\n---\n## A\nDefinition.\n").enrolByDefault).toBe(true);
    expect(parseOk("---\ntitle: T\ndefault: false\n---\n## A\nDefinition.\n").enrolByDefault).toBe(false);
    expect(parseErrors("---\ntitle: T\ndefault: yes\n---\n## A\nDefinition.\n")).toEqual([
      'Front matter: "default" must be true or false',
    ]);
  });

  it("accepts deck-slug/concept-slug links, leaving them for the seed to resolve, and records each link's line", () => {
    const deck = parseOk(
      withBody("## A\nDefinition.\n- confusable: other-deck/thing\n- requires: other-deck/base, b\n\n## B\nDefinition.\n"),
    );
    expect(deck.concepts[0].confusables).toEqual(["other-deck/thing"]);
    expect(deck.concepts[0].prerequisites).toEqual(["other-deck/base", "b"]);
    expect(deck.concepts[0].links).toEqual([
      { field: "confusable", ref: "other-deck/thing", line: 7 },
      { field: "requires", ref: "other-deck/base", line: 8 },
      { field: "requires", ref: "b", line: 8 },
    ]);
  });

  it("checks a link that names its own deck like a plain slug, and refuses a malformed one", () => {
    const errors = parseErrors(withBody("## A\nDefinition.\n- confusable: test-deck/nowhere\n- requires: Other Deck/x, a/b/c\n"));
    expect(errors).toEqual([
      'Line 7: "A" refers to "test-deck/nowhere", which is not a concept slug in this deck',
      'Line 8: "A" refers to "Other Deck/x", which is neither a concept slug nor "deck-slug/concept-slug"',
      'Line 8: "A" refers to "a/b/c", which is neither a concept slug nor "deck-slug/concept-slug"',
    ]);
  });

  it("reads former slugs, and refuses one that is still in use or claimed twice", () => {
    expect(parseOk(withBody("## New name\nDefinition.\n- formerly: old-name, older-name\n")).concepts[0].formerly).toEqual([
      "old-name",
      "older-name",
    ]);
    expect(
      parseErrors(
        withBody(
          "## A\nDefinition.\n- formerly: b\n\n## B\nDefinition.\n\n## C\nDefinition.\n- formerly: x\n\n## D\nDefinition.\n- formerly: x\n",
        ),
      ),
    ).toEqual([
      'Line 5: "A" was formerly "b", but "b" is still a concept slug in this deck',
      'Line 16: "D" and "C" both claim the former slug "x"',
    ]);
  });
});

describe("parseDeck errors", () => {
  it("refuses a deck without front matter, at line 1", () => {
    expect(parseErrors("## Gradient descent\nA method.\n")).toEqual([
      "Line 1: the deck must start with front matter between --- lines",
    ]);
  });

  it("refuses front matter that is never closed", () => {
    expect(parseErrors("---\ntitle: T\n## A\nDef.\n")).toEqual(["The front matter is not closed with a --- line"]);
  });

  it("refuses front matter without a title", () => {
    expect(parseErrors("---\nslug: x\n---\n## A\nDef.\n")).toContain('Front matter: "title" is required');
  });

  it("reports an unknown field with its line number", () => {
    const errors = parseErrors(withBody("## A\nDefinition.\n- colour: blue\n"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Line 7: unknown field "colour"/);
  });

  it("reports a duplicate slug at the line of the second concept", () => {
    const errors = parseErrors(withBody("## Thing\nFirst.\n\n## Other\nSecond.\n- slug: thing\n"));
    expect(errors).toEqual(['Line 8: slug "thing" is used twice']);
  });

  it("reports a confusable that names no concept of the deck, with the line of the field", () => {
    const errors = parseErrors(withBody("## A\nDefinition.\n- confusable: b, nowhere\n\n## B\nDefinition.\n"));
    expect(errors).toEqual(['Line 7: "A" refers to "nowhere", which is not a concept slug in this deck']);
  });

  it("reports a prerequisite that names no concept of the deck, with the line of the field", () => {
    const errors = parseErrors(
      withBody("## A\nDefinition.\n\n## B\nDefinition.\n- source: p. 3\n- requires: a, missing-thing\n"),
    );
    expect(errors).toEqual(['Line 11: "B" refers to "missing-thing", which is not a concept slug in this deck']);
  });

  it("reports a concept without a definition at its heading line", () => {
    const errors = parseErrors(withBody("## A\nDefinition.\n\n## Empty\n- tags: x\n"));
    expect(errors).toEqual(['Line 8: "Empty" has no definition']);
  });

  it("reports definition text after the field lines", () => {
    const errors = parseErrors(withBody("## A\nDefinition.\n- tags: x\nMore definition.\n"));
    expect(errors).toEqual(['Line 8: definition text must come before the "- field:" lines of "A"']);
  });

  it("reports text before the first heading", () => {
    expect(parseErrors(withBody("Stray text.\n## A\nDefinition.\n"))).toEqual([
      'Line 5: text before the first "## Term" heading',
    ]);
  });

  it("reports every problem at once, not just the first", () => {
    const errors = parseErrors(withBody("## A\nDefinition.\n- colour: blue\n\n## B\n- requires: nope\n\n## A\nAgain.\n"));
    expect(errors).toEqual([
      'Line 7: unknown field "colour" (known: aliases, confusable, requires, tags, formerly, slug, source, example)',
      'Line 9: "B" has no definition',
      'Line 12: slug "a" is used twice',
      'Line 10: "B" refers to "nope", which is not a concept slug in this deck',
    ]);
  });

  it("refuses a deck with no concepts", () => {
    expect(parseErrors("---\ntitle: T\n---\n\n")).toEqual(['The deck has no concepts (each starts with a "## Term" heading)']);
  });

  it("refuses a malformed slug field", () => {
    expect(parseErrors(withBody("## A\nDefinition.\n- slug: Not A Slug\n"))).toEqual([
      'Line 5: slug "Not A Slug" must be lowercase words joined by hyphens',
    ]);
  });
});

describe("slugify", () => {
  it("lower-cases, strips accents and joins words with hyphens", () => {
    expect(slugify("Mesa-optimizer")).toBe("mesa-optimizer");
    expect(slugify("Optimized vs. optimizer")).toBe("optimized-vs-optimizer");
    expect(slugify("  Café  Crème! ")).toBe("cafe-creme");
  });
});

describe("the built-in deck prisma/decks/learned-optimization.md", () => {
  const text = fs.readFileSync(path.join(__dirname, "../../../prisma/decks/learned-optimization.md"), "utf8");
  const deck = parseOk(text);
  const bySlug = new Map(deck.concepts.map((c) => [c.slug, c]));

  it("parses with at least 18 concepts and a cited source", () => {
    expect(deck.slug).toBe("learned-optimization");
    expect(deck.concepts.length).toBeGreaterThanOrEqual(18);
    expect(deck.sourceTitle).toMatch(/Risks from Learned Optimization/);
    expect(deck.sourceUrl).toMatch(/^https:\/\//);
  });

  it("gives every concept a definition and a source locator", () => {
    for (const concept of deck.concepts) {
      expect({ slug: concept.slug, hasDefinition: concept.definition.length > 20 }).toEqual({
        slug: concept.slug,
        hasDefinition: true,
      });
      expect({ slug: concept.slug, hasSource: concept.sourceLocator !== "" }).toEqual({ slug: concept.slug, hasSource: true });
    }
  });

  it("has the required terms", () => {
    const terms = new Set(deck.concepts.map((c) => c.term.toLowerCase()));
    const required = [
      "optimizer",
      "base optimizer",
      "base objective",
      "learned algorithm",
      "meta-optimizer",
      "mesa-optimizer",
      "mesa-objective",
      "behavioral objective",
      "inner alignment",
      "outer alignment",
      "robust alignment",
      "pseudo-alignment",
      "deceptive alignment",
      "unintended optimization",
      "distributional shift",
      "purpose",
      "goal",
    ];
    expect(required.filter((term) => !terms.has(term))).toEqual([]);
  });

  it("lists confusables within the deck symmetrically, never itself", () => {
    // Pairs with another deck ("deck/slug") are checked from both sides in __tests__/prisma/decks.test.ts.
    const oneSided: string[] = [];
    for (const concept of deck.concepts) {
      expect(concept.confusables).not.toContain(concept.slug);
      for (const other of concept.confusables.filter((ref) => !ref.includes("/"))) {
        if (!bySlug.get(other)?.confusables.includes(concept.slug)) oneSided.push(`${concept.slug} -> ${other}`);
      }
    }
    expect(oneSided).toEqual([]);
  });

  it.each([
    ["meta-optimizer", "mesa-optimizer"],
    ["inner-alignment", "outer-alignment"],
    ["robust-alignment", "pseudo-alignment"],
    ["behavioral-objective", "mesa-objective"],
    ["purpose", "goal"],
    ["base-optimizer", "mesa-optimizer"],
    ["base-optimizer", "learned-algorithm"],
    ["learned-algorithm", "mesa-optimizer"],
    ["side-effect-alignment", "instrumental-alignment"],
  ])("marks %s and %s as confusable", (a, b) => {
    expect(bySlug.get(a)?.confusables).toContain(b);
    expect(bySlug.get(b)?.confusables).toContain(a);
  });

  it("has prerequisites without a cycle", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (slug: string, trail: string[]) => {
      if (done.has(slug)) return;
      if (visiting.has(slug)) {
        cycles.push([...trail, slug].join(" -> "));
        return;
      }
      visiting.add(slug);
      for (const prerequisite of bySlug.get(slug)?.prerequisites ?? []) visit(prerequisite, [...trail, slug]);
      visiting.delete(slug);
      done.add(slug);
    };
    for (const concept of deck.concepts) visit(concept.slug, []);
    expect(cycles).toEqual([]);
  });

  it("lists every concept after its prerequisites, so deck order is study order", () => {
    const position = new Map(deck.concepts.map((c, i) => [c.slug, i]));
    const backwards = deck.concepts.flatMap((c, i) =>
      c.prerequisites.filter((p) => position.get(p)! > i).map((p) => `${c.slug} requires later ${p}`),
    );
    expect(backwards).toEqual([]);
  });
});

describe("the first deck keeps the paper's distinctions", () => {
  const text = fs.readFileSync(path.join(__dirname, "../../../prisma/decks/learned-optimization.md"), "utf8");
  const deck = parseOk(text);
  const bySlug = new Map(deck.concepts.map((c) => [c.slug, c]));

  it.each([
    ["base-objective", "loss function"],
    ["mesa-optimizer", "learned optimizer"],
    ["mesa-optimization", "learned optimization"],
    ["base-optimizer", "training process"],
  ])("does not give %s the blurring alias %s", (slug, alias) => {
    expect(bySlug.get(slug)?.aliases.map((a) => a.toLowerCase())).not.toContain(alias);
  });

  it("gives every concept an example that stands alone", () => {
    expect(deck.concepts.filter((c) => c.examples.length === 0).map((c) => c.slug)).toEqual([]);
    const leaning = deck.concepts.flatMap((c) =>
      c.examples.filter((e) => /\bin the (maze|above) example\b/i.test(e)).map(() => c.slug),
    );
    expect(leaning).toEqual([]);
  });

  it("marks outside illustrations as such", () => {
    const midas = deck.concepts.flatMap((c) => c.examples).filter((e) => e.includes("Midas"));
    expect(midas).toHaveLength(1);
    expect(midas[0]).toMatch(/^Outside illustration, not from the paper:/);
  });

  it("locates the optimizer, purpose and goal material in the opening of section 1, before 1.1", () => {
    for (const slug of ["search-space", "objective-function", "optimizer", "optimized-vs-optimizer", "purpose", "goal"]) {
      expect(`${slug}: ${bySlug.get(slug)?.sourceLocator}`).toMatch(/^[a-z-]+: §1 opening/);
    }
  });

  it("renames the made-up label to what the paper discusses, keeping its history", () => {
    expect(bySlug.get("generalization-through-search")?.formerly).toEqual(["instrumental-usefulness"]);
    expect(bySlug.has("policy-compression")).toBe(true);
    expect(deck.concepts.some((c) => /instrumental usefulness/i.test(c.term))).toBe(false);
  });
});
