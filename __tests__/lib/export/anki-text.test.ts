import { writeAnkiText } from "@/lib/export/anki-text";
import type { ExportConcept } from "@/lib/export/types";
import { parseAnkiText } from "@/lib/import/anki-text";

const CONCEPTS: ExportConcept[] = [
  { id: "1", term: "Mesa-optimizer", definition: "A learned model that is itself an optimizer.", tags: ["mesa", "ch01"] },
  { id: "2", term: "#hashtag term", definition: 'Has a "quote", a\ttab and\na line break.', tags: [] },
  { id: "3", term: "Markup", definition: "<b>not bold</b> & literal", tags: ["html"] },
];

describe("writeAnkiText", () => {
  const text = writeAnkiText("AI Safety::Inner", CONCEPTS);

  it("writes Anki's headers, then one note per line: term, definition, tags", () => {
    expect(text.split("\n").slice(0, 6)).toEqual([
      "#separator:tab",
      "#html:false",
      "#columns:Front\tBack\tTags",
      "#deck:AI Safety::Inner",
      "#tags column:3",
      "Mesa-optimizer\tA learned model that is itself an optimizer.\tmesa ch01",
    ]);
    expect(text).toContain('"#hashtag term"\t"Has a ""quote"", a\ttab and\na line break."\t\n');
  });

  it("imports back through the Anki text importer with every concept, tag and character", () => {
    const preview = parseAnkiText(text);
    expect(preview.errors).toEqual([]);
    expect(preview.deckName).toBe("AI Safety / Inner");
    expect(preview.concepts.map((c) => ({ term: c.term, definition: c.definition, tags: c.tags }))).toEqual(
      CONCEPTS.map(({ term, definition, tags }) => ({ term, definition, tags })),
    );
  });
});
