import fs from "node:fs";
import path from "node:path";
import { looksLikeMesaDeck, parseMesaDeck } from "@/lib/import/mesa-deck";

const DECK = fs.readFileSync(path.join(__dirname, "../../fixtures/decks/learned-optimization-v1.md"), "utf8");

describe("parseMesaDeck", () => {
  it("turns every concept of a deck file into an imported concept with its heading line", () => {
    const preview = parseMesaDeck(DECK);
    expect(preview.errors).toEqual([]);
    expect(preview.concepts.length).toBeGreaterThan(5);
    const headingLines = DECK.split("\n").flatMap((line, index) => (line.startsWith("## ") ? [index + 1] : []));
    expect(preview.concepts.map((c) => c.line)).toEqual(headingLines);
    expect(preview.concepts.every((c) => c.term && c.definition)).toBe(true);
    expect(preview.deckName).toBeTruthy();
  });

  it("keeps aliases, examples, tags and source", () => {
    const preview = parseMesaDeck(
      "---\ntitle: Mine\nsource: A paper https://example.org/p\n---\n\n## Gradient descent\nStepping against the gradient.\n- aliases: GD\n- example: Training weights.\n- source: Section 2\n- tags: Optimization\n",
    );
    expect(preview.concepts).toEqual([
      {
        term: "Gradient descent",
        definition: "Stepping against the gradient.",
        aliases: ["GD"],
        examples: ["Training weights."],
        tags: ["optimization"],
        sourceLocator: "Section 2",
        sourceUrl: "https://example.org/p",
        line: 6,
      },
    ]);
    expect(preview.deckName).toBe("Mine");
  });

  it("imports nothing from a deck with errors and names their lines", () => {
    const preview = parseMesaDeck("---\ntitle: Broken\n---\n\n## Term\n- colour: red\n");
    expect(preview.concepts).toEqual([]);
    expect(preview.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^Line 6: unknown field "colour"/)]));
  });

  it("tells a deck file from reading notes", () => {
    expect(looksLikeMesaDeck(DECK)).toBe(true);
    expect(looksLikeMesaDeck("Optimizer: a system that searches.\n")).toBe(false);
  });
});
