import fs from "node:fs";
import path from "node:path";
import { parseAnkiText } from "@/lib/import/anki-text";

const EXPORT = fs.readFileSync(path.join(__dirname, "../../fixtures/anki-text/notes-in-plain-text.txt"), "utf8");

describe("parseAnkiText on an Anki 'Notes in Plain Text' export", () => {
  const preview = parseAnkiText(EXPORT);

  it("maps guid, note type, deck and tags columns and takes the first two fields as term and definition", () => {
    expect(preview.errors).toEqual([]);
    expect(preview.concepts.map((c) => [c.line, c.guid, c.deckName, c.term, c.tags])).toEqual([
      [7, "q1Abc", "AI Safety / Inner alignment", "Mesa-optimizer", ["mesa", "ch01-intro"]],
      [8, "q2Def", "AI Safety / Inner alignment", "Base optimizer", ["ch01"]],
      [11, "q4Jkl", "AI Safety", "Deceptive alignment", ["ch02"]],
      [13, "q5Mno", "AI Safety", "Evil", ["ch02"]],
    ]);
  });

  it("turns HTML into plain text: tags and link targets gone, entities decoded, a quoted newline is HTML white space", () => {
    expect(preview.concepts[0].definition).toBe("A learned model that is itself an optimizer.\nSee the paper.");
    expect(preview.concepts[1].definition).toBe("The optimizer that trained the model, e.g. SGD.");
    expect(preview.concepts[2].definition).toBe("Behaving aligned during training, to avoid modification.");
  });

  it("leaves nothing of scripts, event handlers or javascript: links", () => {
    const evil = preview.concepts[3];
    expect(evil.term).toBe("Evil");
    expect(evil.definition).toBe("Looks harmless");
    expect(JSON.stringify(preview.concepts)).not.toMatch(/<|script|onerror|javascript:/i);
  });

  it("drops sound and images with a note, and counts and lists cloze notes", () => {
    expect(preview.concepts[1].notes).toEqual(["audio omitted"]);
    expect(preview.concepts[2].notes).toEqual(["images omitted"]);
    expect(preview.skipped).toEqual([
      {
        line: 10,
        text: expect.stringContaining("{{c1::Inner alignment}}"),
        reason: "a cloze note (Mesa cards have a term and a definition)",
      },
    ]);
    expect(preview.warnings).toEqual(["1 cloze note skipped", "Audio omitted from 1 note", "Images omitted from 2 notes"]);
  });
});

describe("parseAnkiText headers and plain files", () => {
  it.each([
    ["Comma", "Term,Definition one\nOther,Definition two"],
    ["Semicolon", "Term;Definition one\nOther;Definition two"],
    ["Pipe", "Term|Definition one\nOther|Definition two"],
    ["Colon", "Term:Definition one\nOther:Definition two"],
    ["Space", "Term Definition\nOther Definition"],
    ["|", "Term|Definition one\nOther|Definition two"],
  ])("reads #separator:%s", (name, body) => {
    const preview = parseAnkiText(`#separator:${name}\n#html:false\n${body}\n`);
    expect(preview.errors).toEqual([]);
    expect(preview.concepts.map((c) => c.term)).toEqual(["Term", "Other"]);
    expect(preview.concepts[0].line).toBe(3);
  });

  it("guesses the separator as Anki does (tab before comma) in a plain two-column file", () => {
    const preview = parseAnkiText(
      "Outer alignment\tMatching the base objective to intent, roughly\nInner alignment\tMatching the mesa-objective to the base one\n",
    );
    expect(preview.concepts.map((c) => [c.line, c.term, c.definition])).toEqual([
      [1, "Outer alignment", "Matching the base objective to intent, roughly"],
      [2, "Inner alignment", "Matching the mesa-objective to the base one"],
    ]);
  });

  it("reads CSV quoting: separators and doubled quotes inside a quoted field", () => {
    const preview = parseAnkiText(
      '#separator:comma\n"Goodhart\'s law","When a measure becomes a target, it ceases to be a ""good"" measure"\n',
    );
    expect(preview.concepts[0].definition).toBe('When a measure becomes a target, it ceases to be a "good" measure');
  });

  it("keeps `<b>` as literal text when #html:false", () => {
    const preview = parseAnkiText("#separator:tab\n#html:false\nTag\t<b> is bold in HTML\n");
    expect(preview.concepts[0].definition).toBe("<b> is bold in HTML");
  });

  it("keeps MathJax and LaTeX sources verbatim, backslashes included", () => {
    const preview = parseAnkiText(
      "#separator:tab\n#html:true\nLoss\tMinimise \\(\\sum_i \\ell(x_i)\\)<br>or [$]\\frac{a}{b}[/$] &amp; \\[E = mc^2\\]\n",
    );
    expect(preview.concepts[0].definition).toBe("Minimise \\(\\sum_i \\ell(x_i)\\)\nor [$]\\frac{a}{b}[/$] & \\[E = mc^2\\]");
  });

  it("detects HTML without #html from the first records", () => {
    expect(parseAnkiText("Term\t<div>one</div><div>two</div>\n").concepts[0].definition).toBe("one\ntwo");
  });

  it("maps columns by #columns names (a Tags column) and adds #tags and #deck", () => {
    const preview = parseAnkiText(
      "#separator:tab\n#columns:Front\tBack\tTags\n#tags:week1\n#deck:Reading::Week 1\nTerm\tDef here\tA::B\n",
    );
    expect(preview.deckName).toBe("Reading / Week 1");
    expect(preview.concepts[0].tags).toEqual(["week1", "a-b"]);
  });

  it("uses the third column of a plain file as its tags (Anki's Basic has two fields)", () => {
    expect(parseAnkiText("Term\tDef here\tt1 t2\n").concepts[0].tags).toEqual(["t1", "t2"]);
  });

  it("pads short rows: a row without a definition is skipped with its line", () => {
    const preview = parseAnkiText("#separator:tab\nTerm\tDef here\nLonely\n\tNo term\n");
    expect(preview.skipped).toEqual([
      { line: 3, text: "Lonely", reason: "the second field (the definition) is empty" },
      { line: 4, text: " | No term", reason: "the first field (the term) is empty" },
    ]);
  });

  it("skips every note of a file whose #notetype is Cloze, and says how many", () => {
    const preview = parseAnkiText("#separator:tab\n#notetype:Cloze\nThe {{c1::answer}}\textra\nAnother plain line\tmore\n");
    expect(preview.concepts).toEqual([]);
    expect(preview.warnings).toEqual(["2 cloze notes skipped"]);
    expect(preview.errors).toEqual(["No note in the file can become a concept: see the skipped list"]);
  });

  it("skips a note whose field has {{c1::...}} even without a Cloze note type", () => {
    const preview = parseAnkiText("A {{c1::cloze}} here\tExtra\nReal\tDefinition text\n");
    expect(preview.warnings).toEqual(["1 cloze note skipped"]);
    expect(preview.concepts.map((c) => c.term)).toEqual(["Real"]);
  });

  it.each([
    [
      "#separator:Banana\nA\tB\n",
      'Line 1: unknown separator "Banana" (use Tab, Comma, Semicolon, Pipe, Space, Colon or one character)',
    ],
    ["#html:maybe\nA\tB\n", 'Line 1: #html must be true or false, not "maybe"'],
    ["#separator:tab\n#tags column:x\nA\tB\n", 'Line 2: #tags column must be a column number (1 or more), not "x"'],
    ["#separator:tab\n#deck column:5\nA\tB\n", "Line 3: the header names column 5, but the notes have 2 columns"],
    [
      "#separator:tab\nonly one column here\n",
      'Line 2: a note needs two columns (term and definition) but this file has 1 separated by "\\t"',
    ],
    ["", "The file is empty"],
    ["#separator:tab\n#html:false\n", "The file has header lines but no notes"],
  ])("refuses %j with a clear error", (text, error) => {
    const preview = parseAnkiText(text);
    expect(preview.errors).toEqual([error]);
    expect(preview.concepts).toEqual([]);
  });

  it("names the line of an unclosed quote", () => {
    const preview = parseAnkiText('#separator:comma\nA,B\nC,"unclosed\n');
    expect(preview.errors).toEqual([expect.stringMatching(/^Line 3: .*quote/i)]);
    expect(preview.concepts).toEqual([]);
  });
});
