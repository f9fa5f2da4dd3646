import { buildQuiz } from "@/lib/quiz/build-quiz";
import { checkAnswer, typedMissCorrection } from "@/lib/quiz/check-answer";
import { indexConceptNames, MAX_TYPED_ANSWER_LENGTH, normalizeAnswer, typoBudget, typoDistance } from "@/lib/quiz/match";
import { seededRandom } from "@/lib/quiz/random";
import type { QuizConcept, TypedRecallQuestion } from "@/lib/quiz/types";
import { concept, learnedOptimizationDeck } from "./concepts";

const deck = learnedOptimizationDeck();
const names = indexConceptNames(deck);

function typedQuestion(slug: string, pool: QuizConcept[] = deck): TypedRecallQuestion {
  const asked = pool.find((c) => c.slug === slug)!;
  const [question] = buildQuiz({ concepts: [asked], pool, modes: ["typed-recall"], length: 1, random: seededRandom(1) });
  if (question.mode !== "typed-recall") throw new Error("expected a typed recall question");
  return question;
}

describe("normalizeAnswer", () => {
  it.each([
    ["Mesa-optimizer", "mesaoptimizer"],
    ["mesa optimizer", "mesaoptimizer"],
    ["  MESA   OPTIMIZER. ", "mesaoptimizer"],
    ["Optimized vs. optimizer", "optimizedvsoptimizer"],
    ["naïve Bayes", "naivebayes"],
    ["?!-- ", ""],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });
});

describe("typoBudget", () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 1],
    [8, 1],
    [9, 2],
    [30, 2],
  ])("allows a %i-character name %i edits", (length, budget) => {
    expect(typoBudget(length)).toBe(budget);
  });

  it("counts a swap of adjacent letters as one edit", () => {
    expect(typoDistance("purpsoe", "purpose")).toBe(1);
    expect(typoDistance("optimzier", "optimizer")).toBe(1);
    // Two swaps are not one slip: plain Levenshtein.
    expect(typoDistance("abcd", "badc")).toBe(3);
    expect(typoDistance("purpose", "purpose")).toBe(0);
  });
});

describe("typed recall matching", () => {
  type Row = [answer: string, slug: string, expected: { correct: boolean; chosen?: string; spelled?: string }];
  const rows: Row[] = [
    // Case, hyphens, spaces and punctuation never matter.
    ["Mesa-optimizer", "mesa-optimizer", { correct: true }],
    ["mesa optimizer", "mesa-optimizer", { correct: true }],
    ["MESAOPTIMIZER", "mesa-optimizer", { correct: true }],
    ["  mesa -- optimizer!  ", "mesa-optimizer", { correct: true }],
    ["optimized vs optimizer", "optimized-vs-optimizer", { correct: true }],
    // Aliases.
    ["inner optimizer", "mesa-optimizer", { correct: true }],
    ["Inner-Optimizer", "mesa-optimizer", { correct: true }],
    ["distribution shift", "distributional-shift", { correct: true }],
    // Typos within the budget are accepted and reported with the user's spelling.
    ["mesa optimiser", "mesa-optimizer", { correct: true, spelled: "mesa optimiser" }],
    ["mesa-optimzier", "mesa-optimizer", { correct: true, spelled: "mesa-optimzier" }],
    ["mesa optmiser", "mesa-optimizer", { correct: true, spelled: "mesa optmiser" }],
    ["behavioural objective", "behavioral-objective", { correct: true, spelled: "behavioural objective" }],
    ["purpse", "purpose", { correct: true, spelled: "purpse" }],
    ["puprose", "purpose", { correct: true, spelled: "puprose" }],
    // Beyond the budget.
    ["mesa optmsr", "mesa-optimizer", { correct: false }],
    ["prpse", "purpose", { correct: false }],
    ["gaol", "goal", { correct: false }],
    ["mesa", "mesa-optimizer", { correct: false }],
    // Another concept's term or alias is a confusion, even within the typo budget of the right term.
    ["Meta-optimizer", "mesa-optimizer", { correct: false, chosen: "meta-optimizer" }],
    ["learned model", "mesa-optimizer", { correct: false, chosen: "learned-algorithm" }],
    ["Mesa optimization", "mesa-optimizer", { correct: false, chosen: "mesa-optimization" }],
    ["purpose", "goal", { correct: false, chosen: "purpose" }],
    ["inner alignment", "outer-alignment", { correct: false, chosen: "inner-alignment" }],
    // A typo of another concept's name that is closer to it than to the right one is that concept.
    ["meta optimiser", "mesa-optimizer", { correct: false, chosen: "meta-optimizer" }],
    ["inner alignmnet", "outer-alignment", { correct: false, chosen: "inner-alignment" }],
  ];

  it.each(rows)("%j for %s", (answer, slug, expected) => {
    const result = checkAnswer(typedQuestion(slug), answer, names);
    if (!result.valid) throw new Error(result.message);
    expect(result.correct).toBe(expected.correct);
    expect(result.chosenConceptId).toBe(expected.chosen);
    expect(result.accepted).toEqual(expected.spelled === undefined ? undefined : { spelled: expected.spelled });
  });

  it("names the right term, the spelling accepted and the concept typed in the feedback", () => {
    const question = typedQuestion("mesa-optimizer");
    expect(checkAnswer(question, "mesa optimizer", names)).toEqual({
      valid: true,
      correct: true,
      conceptId: "mesa-optimizer",
      correction: "The answer is Mesa-optimizer.",
    });
    expect(checkAnswer(question, "mesa optimiser", names)).toMatchObject({
      correction: 'Accepted, spelled "mesa optimiser": the answer is Mesa-optimizer.',
    });
    // Typed as the other concept's own term: said once, not 'The answer is X; "Y" is Y.'
    expect(checkAnswer(question, "meta-optimizer", names)).toMatchObject({
      correction: "The answer is Mesa-optimizer, not Meta-optimizer.",
    });
    expect(checkAnswer(question, "gradient descent", names)).toEqual({
      valid: true,
      correct: false,
      conceptId: "mesa-optimizer",
      correction: "The answer is Mesa-optimizer.",
    });
  });

  it("accepts a name the asked concept shares with another concept", () => {
    const pool = [concept("first", { aliases: ["shared name"] }), concept("second", { aliases: ["shared name"] })];
    const result = checkAnswer(typedQuestion("second", pool), "Shared name", indexConceptNames(pool));
    expect(result).toMatchObject({ valid: true, correct: true });
    expect(result).not.toHaveProperty("chosenConceptId");
  });

  it("compares only with the asked concept's names when no name index is given", () => {
    expect(checkAnswer(typedQuestion("mesa-optimizer"), "inner optimizer")).toMatchObject({ correct: true });
    expect(checkAnswer(typedQuestion("mesa-optimizer"), "learned model")).toMatchObject({ correct: false });
    expect(checkAnswer(typedQuestion("mesa-optimizer"), "learned model")).not.toHaveProperty("chosenConceptId");
  });

  it.each([
    ["", "Type the term."],
    ["    ", "Type the term."],
    ["?!", "Type the term."],
    ["x".repeat(MAX_TYPED_ANSWER_LENGTH + 1), `That answer is too long (at most ${MAX_TYPED_ANSWER_LENGTH} characters).`],
  ])("refuses %j without judging it", (answer, message) => {
    expect(checkAnswer(typedQuestion("goal"), answer, names)).toEqual({ valid: false, message });
  });

  it("refuses an answer that is not text", () => {
    expect(checkAnswer(typedQuestion("goal"), 0, names)).toEqual({ valid: false, message: "Type the term." });
    expect(checkAnswer(typedQuestion("goal"), true, names)).toEqual({ valid: false, message: "Type the term." });
  });

  it("accepts an answer of the maximum length with spaces around it", () => {
    const long = concept("long", { term: "y".repeat(MAX_TYPED_ANSWER_LENGTH) });
    expect(checkAnswer(typedQuestion("long", [long]), `  ${long.term}  `)).toMatchObject({ valid: true, correct: true });
  });
});

describe("typedMissCorrection", () => {
  it("names the other concept once when its term was typed, however spelled", () => {
    expect(typedMissCorrection("Optimizer", "Search space", "Search space")).toBe("The answer is Optimizer, not Search space.");
    expect(typedMissCorrection("Optimizer", " search-space ", "Search space")).toBe("The answer is Optimizer, not Search space.");
  });

  it("says what an alias stands for", () => {
    expect(typedMissCorrection("Impact regularization", "AUP", "Attainable utility preservation")).toBe(
      'The answer is Impact regularization; "AUP" is Attainable utility preservation.',
    );
  });
});
