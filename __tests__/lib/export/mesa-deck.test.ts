import fs from "node:fs";
import path from "node:path";
import { parseDeck } from "@/lib/decks/parse-deck";
import { writeMesaDeck } from "@/lib/export/mesa-deck";
import type { ExportDeck } from "@/lib/export/types";

const parsed = (text: string) => {
  const result = parseDeck(text);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.deck;
};

describe("writeMesaDeck", () => {
  it("round-trips a real deck file through parse-deck: every concept and field as it was", () => {
    const original = parsed(fs.readFileSync(path.join(__dirname, "../../fixtures/decks/learned-optimization-v1.md"), "utf8"));
    const deck: ExportDeck = {
      slug: original.slug,
      title: original.title,
      description: original.description,
      sourceTitle: original.sourceTitle,
      sourceUrl: original.sourceUrl,
      concepts: original.concepts.map((concept) => ({ ...concept, id: concept.slug })),
    };
    const again = parsed(writeMesaDeck(deck));
    const strip = (d: typeof original) => ({
      ...d,
      concepts: d.concepts.map(({ line: _line, links: _links, formerly: _formerly, ...rest }) => rest),
    });
    expect(strip(again)).toEqual(strip({ ...original, enrolByDefault: false }));
  });

  it("keeps paragraphs, multi-line examples, commas in aliases and text that looks like deck syntax readable", () => {
    const deck: ExportDeck = {
      slug: "mine",
      title: "My notes",
      concepts: [
        {
          id: "c1",
          term: "Corrigibility",
          definition: "Accepting correction.\n\n- tags: not a field\n\n## not a heading",
          aliases: ["correctability, roughly"],
          examples: ["Letting itself\nbe shut down."],
          tags: ["safety"],
        },
        { id: "c2", term: "Corrigibility", definition: "The same term twice.", tags: [] },
        { id: "c3", term: "<script>alert(1)</script>", definition: "Inert text.", tags: [] },
      ],
    };
    const { concepts } = parsed(writeMesaDeck(deck));
    expect(concepts.map((c) => [c.slug, c.term])).toEqual([
      ["corrigibility", "Corrigibility"],
      ["corrigibility-2", "Corrigibility"],
      ["script-alert-1-script", "<script>alert(1)</script>"],
    ]);
    expect(concepts[0].definition).toBe("Accepting correction.\n\n\\- tags: not a field\n\n\\## not a heading");
    expect(concepts[0].aliases).toEqual(["correctability; roughly"]);
    expect(concepts[0].examples).toEqual(["Letting itself be shut down."]);
    expect(concepts[0].tags).toEqual(["safety"]);
  });
});
