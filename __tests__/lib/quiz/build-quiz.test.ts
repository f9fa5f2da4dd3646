import { buildQuiz, type BuildQuizInput } from "@/lib/quiz/build-quiz";
import { normalizeAnswer } from "@/lib/quiz/match";
import { seededRandom } from "@/lib/quiz/random";
import {
  QUIZ_MODES,
  type MultipleChoiceQuestion,
  type QuizConcept,
  type QuizMode,
  type QuizQuestion,
  type TrueFalseQuestion,
} from "@/lib/quiz/types";
import { concept, learnedOptimizationDeck } from "./concepts";

const SEEDS = Array.from({ length: 100 }, (_, i) => i + 1);
const MULTIPLE_CHOICE: QuizMode[] = ["definition-to-term", "term-to-definition", "example-to-concept"];

function quiz(input: Partial<BuildQuizInput> & { concepts: QuizConcept[] }, seed = 1): QuizQuestion[] {
  return buildQuiz({ pool: input.concepts, modes: QUIZ_MODES, length: "all", random: seededRandom(seed), ...input });
}

const isMultipleChoice = (q: QuizQuestion): q is MultipleChoiceQuestion => MULTIPLE_CHOICE.includes(q.mode);
const isTrueFalse = (q: QuizQuestion): q is TrueFalseQuestion => q.mode === "true-false";
const optionIds = (q: QuizQuestion) => (isMultipleChoice(q) ? q.options.map((o) => o.conceptId) : []);

/** Every structural promise of a question, checked against the concepts it was built from. */
function expectWellFormed(questions: QuizQuestion[], concepts: QuizConcept[]) {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  expect(questions.map((q) => q.index)).toEqual(questions.map((_, i) => i));
  expect(new Set(questions.map((q) => q.conceptId)).size).toBe(questions.length);
  for (const q of questions) {
    const asked = byId.get(q.conceptId)!;
    expect(q.term).toBe(asked.term);
    if (isMultipleChoice(q)) {
      expect(q.options.length).toBeGreaterThanOrEqual(2);
      expect(q.options.length).toBeLessThanOrEqual(4);
      expect(q.options.filter((o) => o.conceptId === q.conceptId)).toHaveLength(1);
      expect(q.options[q.answerIndex].conceptId).toBe(q.conceptId);
      expect(new Set(q.options.map((o) => o.conceptId)).size).toBe(q.options.length);
      expect(new Set(q.options.map((o) => normalizeAnswer(o.text))).size).toBe(q.options.length);
      for (const option of q.options) {
        const c = byId.get(option.conceptId)!;
        expect(option.term).toBe(c.term);
        expect(option.text).toBe(q.mode === "term-to-definition" ? c.definition : c.term);
      }
      if (q.mode === "definition-to-term") expect(q.prompt).toBe(asked.definition);
      if (q.mode === "term-to-definition") expect(q.prompt).toBe(asked.term);
      if (q.mode === "example-to-concept") expect(asked.examples).toContain(q.prompt);
    } else if (isTrueFalse(q)) {
      expect(q.statement.definition).toBe(asked.definition);
      expect(q.statement.term).toBe(byId.get(q.pairedConceptId)!.term);
      expect(q.truth).toBe(q.pairedConceptId === q.conceptId);
    } else {
      expect(q.prompt).toBe(asked.definition);
      expect(q.accepted).toEqual([asked.term, ...asked.aliases]);
    }
  }
}

describe("buildQuiz on the real first deck", () => {
  const deck = learnedOptimizationDeck();

  it("builds well-formed questions in every mode for 100 seeds: the answer exactly once, no duplicate options", () => {
    for (const seed of SEEDS) {
      const questions = quiz({ concepts: deck }, seed);
      expect(questions).toHaveLength(deck.length);
      expectWellFormed(questions, deck);
    }
  });

  it("asks every mode alone: one question per concept, in that mode only", () => {
    const withExamples = deck.filter((c) => c.examples.length > 0);
    for (const mode of QUIZ_MODES) {
      const questions = quiz({ concepts: deck, modes: [mode] }, 7);
      expect(new Set(questions.map((q) => q.mode))).toEqual(new Set([mode]));
      expect(questions).toHaveLength(mode === "example-to-concept" ? withExamples.length : deck.length);
      expectWellFormed(questions, deck);
    }
  });

  // Every concept of the deck has an example; two lose theirs here to test the fallback.
  const partlyWithoutExamples = deck.map((c) => (/^(internal|corrigible)-alignment$/.test(c.id) ? { ...c, examples: [] } : c));

  it("never asks a concept without examples as example -> concept", () => {
    const withoutExamples = partlyWithoutExamples.filter((c) => c.examples.length === 0).map((c) => c.id);
    expect(withoutExamples).toEqual(["internal-alignment", "corrigible-alignment"]);
    for (const seed of SEEDS) {
      for (const modes of [QUIZ_MODES, ["example-to-concept"] as QuizMode[]]) {
        const examples = quiz({ concepts: partlyWithoutExamples, modes }, seed).filter((q) => q.mode === "example-to-concept");
        expect(examples.map((q) => q.conceptId)).not.toEqual(
          expect.arrayContaining([expect.stringMatching(/^(internal|corrigible)-alignment$/)]),
        );
      }
    }
  });

  it("falls back to another allowed mode when the dealt one cannot be built", () => {
    const questions = quiz({ concepts: partlyWithoutExamples, modes: ["example-to-concept", "true-false"] }, 3);
    expect(questions).toHaveLength(deck.length);
    for (const id of ["internal-alignment", "corrigible-alignment"]) {
      expect(questions.find((q) => q.conceptId === id)?.mode).toBe("true-false");
    }
  });

  it("is the same quiz for the same seed and a different one for another seed", () => {
    expect(quiz({ concepts: deck, length: 10 }, 42)).toEqual(quiz({ concepts: deck, length: 10 }, 42));
    expect(quiz({ concepts: deck, length: 10 }, 42)).not.toEqual(quiz({ concepts: deck, length: 10 }, 43));
  });

  it("mixes the allowed modes evenly", () => {
    for (const seed of SEEDS) {
      const counts = new Map<string, number>();
      for (const q of quiz({ concepts: deck, length: 10 }, seed)) counts.set(q.mode, (counts.get(q.mode) ?? 0) + 1);
      expect([...counts.keys()].sort()).toEqual([...QUIZ_MODES].sort());
      for (const count of counts.values()) {
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count).toBeLessThanOrEqual(3);
      }
    }
  });

  it("makes about half the statements true, and pairs a definition with a declared confusable's term when false", () => {
    const byId = new Map(deck.map((c) => [c.id, c]));
    // A pair declared with another deck ("deck/slug") has no partner in this one-deck pool.
    const declared = (c: QuizConcept) => [
      ...c.confusables.filter((ref) => byId.has(ref)),
      ...deck.filter((o) => o.confusables.includes(c.slug)).map((o) => o.id),
    ];
    let falseWithConfusable = 0;
    for (const seed of SEEDS) {
      const statements = quiz({ concepts: deck, modes: ["true-false"] }, seed) as TrueFalseQuestion[];
      const trues = statements.filter((q) => q.truth).length;
      expect(Math.abs(trues - (statements.length - trues))).toBeLessThanOrEqual(1);
      for (const q of statements.filter((s) => !s.truth)) {
        const asked = byId.get(q.conceptId)!;
        expect(q.pairedConceptId).not.toBe(q.conceptId);
        expect(q.statement.term).not.toBe(asked.term);
        if (declared(asked).length > 0) {
          expect(declared(asked)).toContain(q.pairedConceptId);
          falseWithConfusable++;
        }
      }
    }
    expect(falseWithConfusable).toBeGreaterThan(SEEDS.length * 5);
  });

  it("offers Mesa-optimizer's declared confusables as its distractors", () => {
    const mesa = deck.find((c) => c.id === "mesa-optimizer")!;
    for (const seed of SEEDS.slice(0, 50)) {
      const [q] = buildQuiz({
        concepts: [mesa],
        pool: deck,
        modes: ["definition-to-term"],
        length: 1,
        random: seededRandom(seed),
      });
      expect(optionIds(q)).toHaveLength(4);
      expect(["mesa-optimizer", ...mesa.confusables]).toEqual(expect.arrayContaining(optionIds(q)));
    }
  });
});

describe("distractor preference", () => {
  // "a" declares b and c; s1..s4 are the rest of its deck; x1..x4 are another deck.
  const a = concept("a", { confusables: ["b", "c"], examples: ["An example of a."] });
  const b = concept("b", { examples: ["An example of b."] });
  const c = concept("c");
  const sameDeck = ["s1", "s2", "s3", "s4"].map((slug) => concept(slug));
  const otherDeck = ["x1", "x2", "x3", "x4"].map((slug) => concept(slug, { deckSlug: "other" }));
  const pool = [a, b, c, ...sameDeck, ...otherDeck];
  const build = (asked: QuizConcept, mode: QuizMode, seed: number, extra: Partial<BuildQuizInput> = {}) =>
    buildQuiz({ concepts: [asked], pool, modes: [mode], length: 1, random: seededRandom(seed), ...extra })[0];
  const sameDeckIds = sameDeck.map((s) => s.id);

  it("takes declared confusables first, then the same deck, never another deck while the deck has enough", () => {
    const thirds = new Set<string>();
    for (const seed of SEEDS) {
      for (const mode of ["definition-to-term", "term-to-definition", "example-to-concept"] as QuizMode[]) {
        const ids = optionIds(build(a, mode, seed));
        expect(ids).toHaveLength(4);
        expect(ids).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
        const third = ids.find((id) => ![a.id, b.id, c.id].includes(id))!;
        expect(sameDeckIds).toContain(third);
        thirds.add(third);
      }
    }
    expect(thirds).toEqual(new Set(sameDeckIds));
  });

  it("counts a confusable declared on the other side of the pair", () => {
    for (const seed of SEEDS.slice(0, 50)) expect(optionIds(build(b, "definition-to-term", seed))).toContain(a.id);
  });

  it("reaches other decks only when the concept's own deck runs out", () => {
    const small = [concept("p", { deckSlug: "small" }), concept("q", { deckSlug: "small" })];
    for (const seed of SEEDS.slice(0, 50)) {
      const [question] = buildQuiz({
        concepts: [small[0]],
        pool: [...small, ...otherDeck],
        modes: ["definition-to-term"],
        length: 1,
        random: seededRandom(seed),
      });
      const ids = optionIds(question);
      expect(ids).toHaveLength(4);
      expect(ids.slice().sort()).toEqual(expect.arrayContaining([small[0].id, small[1].id]));
      expect(ids.filter((id) => id.startsWith("other/"))).toHaveLength(2);
    }
  });

  it("resolves a cross-deck confusable written as deck-slug/concept-slug", () => {
    const linked = concept("linked", { confusables: ["other/x3"] });
    for (const seed of SEEDS.slice(0, 50)) {
      const ids = optionIds(
        buildQuiz({
          concepts: [linked],
          pool: [linked, ...pool],
          modes: ["definition-to-term"],
          length: 1,
          random: seededRandom(seed),
        })[0],
      );
      expect(ids).toContain("other/x3");
    }
  });

  it("ignores confusables that are not in the pool", () => {
    const dangling = concept("dangling", { confusables: ["missing", "nowhere/x"] });
    const questions = buildQuiz({
      concepts: [dangling],
      pool: [dangling, c],
      modes: ["definition-to-term"],
      length: 1,
      random: seededRandom(1),
    });
    expect(new Set(optionIds(questions[0]))).toEqual(new Set([dangling.id, c.id]));
  });

  it("puts the user's own confusions before the declared confusables", () => {
    const confusedWith = new Map([[a.id, ["other/x2", "deck/s3"]]]);
    for (const seed of SEEDS.slice(0, 50)) {
      const ids = optionIds(build(a, "definition-to-term", seed, { confusedWith }));
      expect(ids).toEqual(expect.arrayContaining([a.id, "other/x2", "deck/s3"]));
      expect(ids.filter((id) => id === b.id || id === c.id)).toHaveLength(1);
      const statement = build(a, "true-false", seed, { confusedWith }) as TrueFalseQuestion;
      if (!statement.truth) expect(statement.pairedConceptId).toBe("other/x2");
    }
  });

  it("counts a confusion in both directions", () => {
    const confusedWith = new Map([["other/x4", [c.id]]]);
    for (const seed of SEEDS.slice(0, 50))
      expect(optionIds(build(c, "definition-to-term", seed, { confusedWith }))).toContain("other/x4");
  });

  it("never offers a concept that shares a name or the definition with the answer", () => {
    const gd = concept("gradient-descent", { aliases: ["GD"] });
    const twin = concept("g-d", { term: "G.D." });
    const copy = concept("copy", { definition: gd.definition });
    const plain = concept("plain");
    for (const seed of SEEDS.slice(0, 50)) {
      for (const mode of ["definition-to-term", "term-to-definition", "true-false"] as QuizMode[]) {
        const [question] = buildQuiz({
          concepts: [gd],
          pool: [gd, twin, copy, plain],
          modes: [mode],
          length: 1,
          random: seededRandom(seed),
        });
        const used = isTrueFalse(question) ? [question.pairedConceptId] : optionIds(question);
        expect(used).not.toContain(twin.id);
        expect(used).not.toContain(copy.id);
      }
    }
  });

  it("never offers two options with the same text", () => {
    const twins = [concept("one", { term: "Alignment" }), concept("two", { term: "alignment!" }), concept("three")];
    for (const seed of SEEDS.slice(0, 50)) {
      const [question] = buildQuiz({
        concepts: [a],
        pool: [a, ...twins],
        modes: ["definition-to-term"],
        length: 1,
        random: seededRandom(seed),
      });
      expect(optionIds(question)).toHaveLength(3);
    }
  });

  it("leaves out a concept giving the same example, which would be a second right answer", () => {
    const echo = concept("echo", { examples: ["An example of A."] });
    for (const seed of SEEDS.slice(0, 50)) {
      const [question] = buildQuiz({
        concepts: [a],
        pool: [a, echo, c],
        modes: ["example-to-concept"],
        length: 1,
        random: seededRandom(seed),
      });
      expect(optionIds(question)).not.toContain(echo.id);
    }
  });
});

describe("tiny decks", () => {
  const deckOf = (n: number) =>
    Array.from({ length: n }, (_, i) => concept(`c${i}`, { examples: [`Example ${i}.`], aliases: i === 0 ? ["zero"] : [] }));
  const modeSets: QuizMode[][] = [...QUIZ_MODES.map((mode) => [mode]), [...QUIZ_MODES], ["definition-to-term", "true-false"]];

  it("asks a one-concept deck as typed recall only, whatever the modes", () => {
    const [only] = deckOf(1);
    for (const modes of modeSets) {
      for (const seed of SEEDS.slice(0, 20)) {
        const questions = quiz({ concepts: [only], modes, length: 10 }, seed);
        expect(questions).toEqual([
          {
            index: 0,
            mode: "typed-recall",
            conceptId: only.id,
            term: only.term,
            prompt: only.definition,
            accepted: [only.term, "zero"],
          },
        ]);
      }
    }
  });

  it.each([2, 3])("gives a %i-concept deck that many options and never crashes", (n) => {
    const concepts = deckOf(n);
    for (const modes of modeSets) {
      for (const seed of SEEDS.slice(0, 50)) {
        const questions = quiz({ concepts, modes, length: 20 }, seed);
        expect(questions).toHaveLength(n);
        expectWellFormed(questions, concepts);
        for (const q of questions.filter(isMultipleChoice)) expect(q.options).toHaveLength(n);
      }
    }
  });

  it("returns no questions when no allowed mode fits and a contrast exists (two concepts, no examples, example mode only)", () => {
    const concepts = [concept("p"), concept("q")];
    expect(quiz({ concepts, modes: ["example-to-concept"] })).toEqual([]);
  });

  it("returns no questions for an empty scope", () => {
    expect(quiz({ concepts: [], pool: deckOf(3) })).toEqual([]);
  });

  it("uses the scope itself when the pool is missing it", () => {
    const concepts = deckOf(2);
    const questions = quiz({ concepts, pool: [], modes: ["definition-to-term"] });
    expect(questions.map((q) => optionIds(q).length)).toEqual([2, 2]);
  });
});

describe("quiz length", () => {
  const deck = learnedOptimizationDeck();

  it("asks exactly the number requested, each concept at most once", () => {
    for (const length of [1, 5, 10, 20]) {
      const questions = quiz({ concepts: deck, length });
      expect(questions).toHaveLength(length);
      expect(new Set(questions.map((q) => q.conceptId)).size).toBe(length);
    }
  });

  it("asks every concept once when the length exceeds the scope, rather than repeating one", () => {
    const scope = deck.slice(0, 5);
    const questions = quiz({ concepts: scope, pool: deck, length: 20 });
    expect(questions.map((q) => q.conceptId).sort()).toEqual(scope.map((c) => c.id).sort());
  });

  it("asks a concept listed twice in the scope once", () => {
    const scope = [deck[0], deck[1], deck[0]];
    expect(
      quiz({ concepts: scope, pool: deck })
        .map((q) => q.conceptId)
        .sort(),
    ).toEqual([deck[0].id, deck[1].id].sort());
  });

  it("draws different concepts for different seeds", () => {
    const drawn = new Set(
      SEEDS.slice(0, 20).flatMap((seed) => quiz({ concepts: deck, length: 3 }, seed).map((q) => q.conceptId)),
    );
    expect(drawn.size).toBeGreaterThan(15);
  });

  it("gives nothing for a length of 0 and refuses an empty list of modes", () => {
    expect(quiz({ concepts: deck, length: 0 })).toEqual([]);
    expect(() => quiz({ concepts: deck, modes: [] })).toThrow(RangeError);
  });
});
