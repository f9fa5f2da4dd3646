import { ftsQueryOf, MAX_QUERY_LENGTH, parseQuery, tsQueryOf, tsQueryOfPhrases, type SearchPart } from "@/lib/search/query";

function parts(query: string): SearchPart[] {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`expected "${query}" to parse, got: ${parsed.error}`);
  return parsed.parts;
}

function error(query: string): string {
  const parsed = parseQuery(query);
  if (parsed.ok) throw new Error(`expected "${query}" to be refused, got ${JSON.stringify(parsed.parts)}`);
  return parsed.error;
}

describe("parseQuery: good queries", () => {
  test("an empty or blank query has no parts (every card)", () => {
    expect(parts("")).toEqual([]);
    expect(parts("   ")).toEqual([]);
  });

  test("free words are separate parts, each split as the index splits it", () => {
    expect(parts("reward  Tampering")).toEqual([
      { kind: "text", words: ["reward"], phrase: false, negate: false },
      { kind: "text", words: ["Tampering"], phrase: false, negate: false },
    ]);
    expect(parts("mesa-optimizer")).toEqual([{ kind: "text", words: ["mesa", "optimizer"], phrase: false, negate: false }]);
    expect(parts("déjà")).toEqual([{ kind: "text", words: ["déjà"], phrase: false, negate: false }]);
  });

  test("phrases, negated words and negated phrases", () => {
    expect(parts('"inner alignment" -outer -"base optimizer"')).toEqual([
      { kind: "text", words: ["inner", "alignment"], phrase: true, negate: false },
      { kind: "text", words: ["outer"], phrase: false, negate: true },
      { kind: "text", words: ["base", "optimizer"], phrase: true, negate: true },
    ]);
  });

  test("a quoted filter name is searched as text", () => {
    expect(parts('"foo:bar"')).toEqual([{ kind: "text", words: ["foo", "bar"], phrase: true, negate: false }]);
  });

  test("punctuation alone stands for nothing", () => {
    expect(parts("? ... optim")).toEqual([{ kind: "text", words: ["optim"], phrase: false, negate: false }]);
  });

  test("deck:, tag: and is: (case-insensitive, negatable)", () => {
    expect(parts("deck:Core-Glossary tag:Optimization -is:Suspended is:leech")).toEqual([
      { kind: "deck", slug: "core-glossary", negate: false },
      { kind: "tag", tag: "optimization", negate: false },
      { kind: "is", value: "suspended", negate: true },
      { kind: "is", value: "leech", negate: false },
    ]);
    expect(parts('deck:"my deck"')).toEqual([{ kind: "deck", slug: "my deck", negate: false }]);
    for (const value of ["new", "learning", "review", "due", "suspended", "leech", "edited"]) {
      expect(parts(`is:${value}`)).toEqual([{ kind: "is", value, negate: false }]);
    }
  });

  test("prop: with every comparison", () => {
    expect(parts("prop:r<0.8 prop:lapses>=3 prop:due<=7 prop:due=-2 prop:reps>2 prop:s>=30.5 prop:R<=1")).toEqual([
      { kind: "prop", property: "r", op: "<", value: 0.8, negate: false },
      { kind: "prop", property: "lapses", op: ">=", value: 3, negate: false },
      { kind: "prop", property: "due", op: "<=", value: 7, negate: false },
      { kind: "prop", property: "due", op: "=", value: -2, negate: false },
      { kind: "prop", property: "reps", op: ">", value: 2, negate: false },
      { kind: "prop", property: "s", op: ">=", value: 30.5, negate: false },
      { kind: "prop", property: "r", op: "<=", value: 1, negate: false },
    ]);
    expect(parts("prop:r>.5")).toEqual([{ kind: "prop", property: "r", op: ">", value: 0.5, negate: false }]);
  });

  test("added: and rated: with and without a grade", () => {
    expect(parts("added:7 rated:1 rated:7:1 -rated:30:4")).toEqual([
      { kind: "added", days: 7, negate: false },
      { kind: "rated", days: 1, grade: null, negate: false },
      { kind: "rated", days: 7, grade: 1, negate: false },
      { kind: "rated", days: 30, grade: 4, negate: true },
    ]);
  });

  test("filters and words mix", () => {
    expect(parts("optim is:review prop:r<0.9").map((part) => part.kind)).toEqual(["text", "is", "prop"]);
  });
});

describe("parseQuery: bad queries name the bad part", () => {
  test.each([
    ["foo:bar", 'unknown filter "foo:"'],
    ["optim Http://example.org", 'unknown filter "http:"'],
    ["is:", "is: takes new, learning, review, due, suspended, leech or edited"],
    ["is:sleeping", 'unknown state "is:sleeping"'],
    ["prop:r<1.5", "prop:r needs a number between 0 and 1"],
    ["prop:r<-0.1", "prop:r needs a number between 0 and 1"],
    ["prop:r<abc", "prop:r needs a number between 0 and 1"],
    ["prop:r", "prop:r needs a comparison"],
    ["prop:r==0.5", "prop:r needs a number between 0 and 1"],
    ["prop:ease>2", 'unknown property "prop:ease"'],
    ["prop:", "prop: needs a property"],
    ["prop:lapses>=x", "prop:lapses needs a whole number"],
    ["prop:lapses>=-1", "prop:lapses needs a whole number"],
    ["prop:due<=1.5", "prop:due needs a whole number of days"],
    ["prop:s>abc", "prop:s needs a number of days"],
    ["added:", "added: needs a whole number of days"],
    ["added:0", "added: needs a whole number of days"],
    ["added:x", "added: needs a whole number of days"],
    ["added:99999", "added: needs a whole number of days"],
    ["rated:", "rated: needs a whole number of days"],
    ["rated:7:5", "the grade is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)"],
    ["rated:7:1:2", "rated: takes days and an optional grade"],
    ["deck:", "deck: needs a deck's slug"],
    ["tag:", "tag: needs a tag"],
    ['"inner alignment', "unclosed quote"],
    ['"inner"alignment', "put a space after the closing quote"],
    ['inner"alignment"', "a quote must start a word"],
    ["- word", '"-" needs a word or filter after it'],
    ['-"!!"', "has no letters or digits"],
  ])("%s", (query, message) => {
    expect(error(query)).toContain(message);
  });

  test("too long or too many parts", () => {
    expect(error("a".repeat(MAX_QUERY_LENGTH + 1))).toContain("longer than");
    expect(error(Array.from({ length: 21 }, (_, i) => `w${i}`).join(" "))).toContain("more than 20 parts");
  });
});

describe("ftsQueryOf", () => {
  test("free words are a prefix phrase over the text columns; phrases are exact", () => {
    expect(ftsQueryOf({ kind: "text", words: ["mesa", "opt"], phrase: false, negate: false })).toBe(
      '{term aliases definition examples} : ("mesa opt" *)',
    );
    expect(ftsQueryOf({ kind: "text", words: ["inner", "alignment"], phrase: true, negate: false })).toBe(
      '{term aliases definition examples} : ("inner alignment")',
    );
  });
});

describe("tsQueryOf (the PostgreSQL twin of ftsQueryOf)", () => {
  it("makes free words a phrase over every text column, the last word a prefix", () => {
    expect(tsQueryOf({ kind: "text", words: ["Mesa", "opt"], phrase: false, negate: false })).toBe(
      "('mesa':ABCD <-> 'opt':*ABCD)",
    );
  });

  it("keeps a quoted phrase whole, no prefix", () => {
    expect(tsQueryOf({ kind: "text", words: ["inner", "alignment"], phrase: true, negate: false })).toBe(
      "('inner':ABCD <-> 'alignment':ABCD)",
    );
  });

  it("joins phrases with OR and limits them to the named columns, leaving out phrases with no words", () => {
    expect(
      tsQueryOfPhrases(
        [
          { words: ["base", "objective"], prefix: false },
          { words: [], prefix: false },
          { words: ["goal"], prefix: false },
        ],
        "AB",
      ),
    ).toBe("('base':AB <-> 'objective':AB) | ('goal':AB)");
  });

  it("takes every word parseQuery makes, accents and all, as a quoted lexeme", () => {
    const [part] = parts("optîmizér");
    expect(part.kind === "text" && tsQueryOf(part)).toBe("('optîmizér':*ABCD)");
  });
});
