import fs from "node:fs";
import path from "node:path";
import { findGiveAways } from "@/lib/decks/give-away";
import { checkDeckLinks } from "@/lib/decks/links";
import { parseDeck, splitLink, type ParsedDeck } from "@/lib/decks/parse-deck";
import { readBuiltInDeckFiles } from "@/prisma/seed";

/*
 * Content checks over every built-in deck (prisma/decks/*.md, plus MESA_EXTRA_DECKS_DIR when set,
 * as the seed loads it). Each check lists every offender, so one run shows all that needs fixing.
 */

const MIN_DEFINITION = 60;
const MAX_DEFINITION = 450;
const URL = /https?:\/\/\S+/;

/**
 * Definitions allowed to contain their own term or an alias, as `deck-slug/concept-slug` -> why it
 * cannot be avoided. Each entry is reviewed; one that is no longer needed fails the test.
 */
const GIVE_AWAY_ALLOWED = new Map<string, string>([]);

const files = [...readBuiltInDeckFiles(), ...extraFiles()];
const decks = files.map(({ name, text }) => {
  const result = parseDeck(text);
  return { name, result, deck: result.ok ? result.deck : (undefined as unknown as ParsedDeck) };
});

function extraFiles(): { name: string; text: string }[] {
  const dir = process.env.MESA_EXTRA_DECKS_DIR;
  return dir ? readBuiltInDeckFiles(path.resolve(dir)) : [];
}

/** Terms compared without case, accents, punctuation or a leading article. */
function normalise(term: string): string {
  return term
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/^(the|a|an) /, "");
}

it("finds the built-in decks", () => {
  expect(files.map((f) => f.name)).toContain("learned-optimization.md");
  expect(fs.existsSync(path.join(__dirname, "../../prisma/decks"))).toBe(true);
});

it("parses every deck file", () => {
  expect(decks.filter((d) => !d.result.ok).map((d) => `${d.name}: ${d.result.ok ? "" : d.result.errors.join("; ")}`)).toEqual([]);
});

it("has exactly one deck that new users start with", () => {
  expect(decks.filter((d) => d.deck.enrolByDefault).map((d) => d.deck.slug)).toEqual(["learned-optimization"]);
});

it(`gives every concept a definition of ${MIN_DEFINITION}-${MAX_DEFINITION} characters`, () => {
  const offenders = decks.flatMap(({ name, deck }) =>
    deck.concepts
      .filter((c) => c.definition.length < MIN_DEFINITION || c.definition.length > MAX_DEFINITION)
      .map((c) => `${name} line ${c.line}: "${c.term}" has ${c.definition.length} characters`),
  );
  expect(offenders).toEqual([]);
});

it("gives every concept a source: its own URL, or (a deck on one source) a section of the deck's source", () => {
  const offenders = decks.flatMap(({ name, deck }) => {
    const citesOwnSources = deck.concepts.some((c) => URL.test(c.sourceLocator));
    return deck.concepts
      .filter((c) => (citesOwnSources ? !URL.test(c.sourceLocator) : !(c.sourceLocator && URL.test(deck.sourceUrl))))
      .map(
        (c) =>
          `${name} line ${c.line}: "${c.term}" ${citesOwnSources ? "cites no URL" : "cites no section, or the deck has no source URL"}`,
      );
  });
  expect(offenders).toEqual([]);
});

it("uses no term or alias twice across all built-in decks", () => {
  const owners = new Map<string, string[]>();
  for (const { deck } of decks) {
    for (const concept of deck.concepts) {
      for (const name of new Set([concept.term, ...concept.aliases].map(normalise))) {
        owners.set(name, [...(owners.get(name) ?? []), `${deck.slug}/${concept.slug}`]);
      }
    }
  }
  expect([...owners].filter(([, who]) => who.length > 1).map(([name, who]) => `"${name}": ${who.join(", ")}`)).toEqual([]);
});

it("lists every confusable pair on both concepts, across decks too, and never a concept as its own", () => {
  // "Often confused with" and the quiz read a concept's own list, so a pair must work from either side.
  const byId = new Map(decks.flatMap(({ deck }) => deck.concepts.map((c) => [`${deck.slug}/${c.slug}`, { deck, concept: c }])));
  const idOf = (deckSlug: string, ref: string) => {
    const link = splitLink(ref);
    return `${link.deck ?? deckSlug}/${link.concept}`;
  };
  const offenders = decks.flatMap(({ name, deck }) =>
    deck.concepts.flatMap((concept) => {
      const self = `${deck.slug}/${concept.slug}`;
      return concept.confusables
        .map((ref) => idOf(deck.slug, ref))
        .filter((other) => {
          const target = byId.get(other);
          return other === self || !target?.concept.confusables.some((r) => idOf(target.deck.slug, r) === self);
        })
        .map((other) => `${name} line ${concept.line}: ${self} -> ${other} is not returned`);
    }),
  );
  expect(offenders).toEqual([]);
});

it("gives no term or alias away in its own definition, except the reviewed allow-list", () => {
  const found = decks.flatMap(({ name, deck }) =>
    deck.concepts.flatMap((concept) =>
      findGiveAways(concept).map((g) => ({
        id: `${deck.slug}/${concept.slug}`,
        message: `${name} line ${concept.line}: the definition of "${concept.term}" gives "${g.name}" away with ${g.words.map((w) => `"${w}"`).join(", ")}`,
      })),
    ),
  );
  expect(found.filter((f) => !GIVE_AWAY_ALLOWED.has(f.id)).map((f) => f.message)).toEqual([]);
  const stillNeeded = new Set(found.map((f) => f.id));
  expect([...GIVE_AWAY_ALLOWED.keys()].filter((id) => !stillNeeded.has(id))).toEqual([]);
});

it("has no cycle in the prerequisites, across decks included", () => {
  const requires = new Map<string, string[]>();
  for (const { deck } of decks) {
    for (const concept of deck.concepts) {
      requires.set(
        `${deck.slug}/${concept.slug}`,
        concept.prerequisites.map((ref) => (ref.includes("/") ? ref : `${deck.slug}/${ref}`)),
      );
    }
  }
  const cycles: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      cycles.push([...trail.slice(trail.indexOf(id)), id].join(" -> "));
      return;
    }
    state.set(id, "visiting");
    for (const next of requires.get(id) ?? []) visit(next, [...trail, id]);
    state.set(id, "done");
  };
  for (const id of requires.keys()) visit(id, []);
  expect(cycles).toEqual([]);
});

it("resolves every link between decks", () => {
  expect(checkDeckLinks(decks.filter((d) => d.result.ok).map(({ name, deck }) => ({ name, deck })))).toEqual([]);
});
