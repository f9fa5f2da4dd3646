import { checkDeckLinks } from "@/lib/decks/links";
import { parseDeck, type ParsedDeck } from "@/lib/decks/parse-deck";

function deck(text: string): ParsedDeck {
  const result = parseDeck(text);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.deck;
}

const FIRST = deck("---\nslug: first\ntitle: First\n---\n## Base\nDefinition.\n\n## Other\nDefinition.\n");
const SECOND = deck(
  "---\nslug: second\ntitle: Second\n---\n## Built on base\nDefinition.\n- requires: first/base\n- confusable: first/other, first/gone\n\n## Elsewhere\nDefinition.\n- requires: third/x\n",
);

describe("checkDeckLinks", () => {
  it("accepts links that resolve in the decks loaded together", () => {
    const ok = deck("---\nslug: second\ntitle: Second\n---\n## Built on base\nDefinition.\n- requires: first/base\n");
    expect(
      checkDeckLinks([
        { name: "first.md", deck: FIRST },
        { name: "second.md", deck: ok },
      ]),
    ).toEqual([]);
  });

  it("reports each dangling link with its file and line: an unknown concept and an unknown deck", () => {
    expect(
      checkDeckLinks([
        { name: "first.md", deck: FIRST },
        { name: "second.md", deck: SECOND },
      ]),
    ).toEqual([
      'second.md line 8: "Built on base" refers to "first/gone", but deck "first" has no concept "gone"',
      'second.md line 12: "Elsewhere" refers to "third/x", but there is no deck "third"',
    ]);
  });

  it("reports two files that declare the same deck slug", () => {
    expect(
      checkDeckLinks([
        { name: "a.md", deck: FIRST },
        { name: "b.md", deck: FIRST },
      ]),
    ).toEqual(['b.md: deck slug "first" is also used by a.md']);
  });
});
