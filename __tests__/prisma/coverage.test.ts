import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { parseDeck } from "@/lib/decks/parse-deck";
import { readBuiltInDeckFiles } from "@/prisma/seed";

/*
 * prisma/decks/coverage.csv maps the vocabulary AI-safety courses share to the built-in decks. These
 * checks keep it honest as the decks change: every cited concept exists, and the figure stated at
 * the top is the one the rows give.
 */

const FILE = path.join(__dirname, "../../prisma/decks/coverage.csv");
const ANCHORS = new Set(["ATL", "CAIS", "STA", "LW", "ARB", "BD", "MIT", "IASR", "GDM", "LTW"]);
const MINIMUM_PERCENT = 90;

interface Row {
  term: string;
  anchors: string;
  concept: string;
  out_of_scope_because: string;
}

const text = fs.readFileSync(FILE, "utf8");
const parsed = Papa.parse<Row>(text, { header: true, comments: "#", skipEmptyLines: true });
const rows = parsed.data;

const concepts = new Set(
  readBuiltInDeckFiles().flatMap(({ text: deckText }) => {
    const result = parseDeck(deckText);
    return result.ok ? result.deck.concepts.map((c) => `${result.deck.slug}/${c.slug}`) : [];
  }),
);

/** The figure the header states: covered, total and percent. */
function statedFigure(): { covered: number; total: number; percent: number } | undefined {
  const match = /^# Coverage: (\d+) of (\d+) terms \((\d+(?:\.\d)?)%\)/m.exec(text);
  return match ? { covered: Number(match[1]), total: Number(match[2]), percent: Number(match[3]) } : undefined;
}

it("parses without errors and has the expected columns", () => {
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(["term", "anchors", "concept", "out_of_scope_because"]);
  expect(rows.length).toBeGreaterThan(100);
});

it("cites only concepts that exist in the built-in decks", () => {
  const missing = rows.filter((r) => r.concept !== "" && !concepts.has(r.concept)).map((r) => `${r.term}: ${r.concept}`);
  expect(missing).toEqual([]);
});

it("gives every row either a concept or a reason, never both, and at least two known anchors", () => {
  const offenders = rows.flatMap((r) => {
    const anchors = r.anchors.split(",").map((a) => a.trim());
    const problems: string[] = [];
    if ((r.concept === "") === (r.out_of_scope_because === "")) problems.push("needs exactly one of a concept or a reason");
    if (new Set(anchors).size < 2) problems.push("names fewer than two anchors");
    const unknown = anchors.filter((a) => !ANCHORS.has(a));
    if (unknown.length > 0) problems.push(`names unknown anchors ${unknown.join(", ")}`);
    return problems.map((p) => `${r.term}: ${p}`);
  });
  expect(offenders).toEqual([]);
});

it("lists each term once", () => {
  const names = rows.flatMap((r) => r.term.split(",").map((t) => t.trim().toLowerCase()));
  expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
});

it(`states the figure the rows give, and it is at least ${MINIMUM_PERCENT}%`, () => {
  const covered = rows.filter((r) => r.concept !== "").length;
  const percent = Math.round((1000 * covered) / rows.length) / 10;
  expect(statedFigure()).toEqual({ covered, total: rows.length, percent });
  expect(percent).toBeGreaterThanOrEqual(MINIMUM_PERCENT);
});
