import { normalizeAnswer } from "./match";
import { createPool, type ConceptPool } from "./pool";
import { lazyShuffle, randomIndex, shuffle, type RandomSource } from "./random";
import type {
  MultipleChoiceMode,
  MultipleChoiceQuestion,
  QuizConcept,
  QuizMode,
  QuizOption,
  QuizQuestion,
  TrueFalseQuestion,
} from "./types";

/** Options of a multiple-choice question at most: the answer and three distractors. */
export const MAX_OPTIONS = 4;

export interface BuildQuizInput {
  /** The scope: the concepts to ask about. Duplicates (same id) are asked once. */
  concepts: readonly QuizConcept[];
  /**
   * Every concept of the user's decks, where distractors and false statements come from. The
   * scope is added to it, so a pool that misses some scope concepts is not an error.
   */
  pool: readonly QuizConcept[];
  /** The modes allowed, one or several; several are mixed evenly. */
  modes: readonly QuizMode[];
  /**
   * How many questions. A number larger than the scope gives one question per concept: asking a
   * concept twice in one sitting would test the memory of the feedback just shown, not of the
   * concept, so the quiz is shorter instead (the caller shows the real count).
   */
  length: number | "all";
  /** Uniform in [0, 1); pass `seededRandom(seed)` to be able to rebuild the quiz from the seed. */
  random: RandomSource;
  /**
   * Concept id -> ids of the concepts the user has confused it with, most confused first. These
   * are preferred as distractors and false statements before the deck's declared confusables
   * (see `ConceptPool.candidates`); a pair counts in both directions.
   */
  confusedWith?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Builds a quiz: concepts drawn at random from the scope, each asked at most once, in one of the
 * allowed modes. The scope is a set (its order only matters for reproducing a quiz from a seed);
 * to favour some concepts, such as the weakest, pass only those. Modes are dealt in rounds (every mode once per round, each round in a new random
 * order), so a mixed quiz is even and unpredictable. When the dealt mode cannot be built for a
 * concept (example -> concept without an example; multiple choice or true/false without another
 * concept to contrast it with), the other allowed modes are tried; when none can be built, the
 * next concept of the scope takes its place. A concept with no other concept to contrast it with
 * at all (a one-concept pool) is asked as typed recall whatever the modes, the one question it
 * supports. The result can therefore be shorter than `length`, or empty (say so to the user).
 *
 * Deterministic: the same input with a random source in the same state gives the same quiz.
 */
export function buildQuiz(input: BuildQuizInput): QuizQuestion[] {
  const modes = [...new Set(input.modes)];
  if (modes.length === 0) throw new RangeError("buildQuiz needs at least one mode");
  const { random } = input;
  const pool = createPool(input.pool, input.confusedWith);
  const wanted = input.length === "all" ? Infinity : Math.max(0, Math.floor(input.length) || 0);
  const asked = new Set<string>();
  for (const concept of input.concepts) pool.include(concept);

  const questions: QuizQuestion[] = [];
  const truths = truthDealer(random);
  let round: QuizMode[] = [];
  for (const concept of lazyShuffle(input.concepts, random)) {
    if (questions.length >= wanted) break;
    if (asked.has(concept.id)) continue;
    asked.add(concept.id);
    if (round.length === 0) round = shuffle(modes, random);
    const dealt = round[0];
    const tried = [dealt, ...modes.filter((mode) => mode !== dealt)];
    let question: QuizQuestion | null = null;
    for (const mode of tried) {
      question = buildQuestion(mode, concept, questions.length, pool, random, truths);
      if (question) break;
    }
    if (!question && pool.candidates(concept, random).next().done) {
      question = typedRecall(concept, questions.length, pool);
    }
    if (!question) continue;
    const used = question.mode;
    round = round.filter((mode) => mode !== used);
    questions.push(question);
  }
  return questions;
}

interface TruthDealer {
  next(): boolean;
}

/**
 * Truth values for true/false questions, dealt in pairs (one true and one false, in random
 * order), so any number of statements is within one of half true.
 */
function truthDealer(random: RandomSource): TruthDealer {
  let pending: boolean | null = null;
  return {
    next(): boolean {
      if (pending !== null) {
        const truth = pending;
        pending = null;
        return truth;
      }
      const truth = random() < 0.5;
      pending = !truth;
      return truth;
    },
  };
}

function buildQuestion(
  mode: QuizMode,
  concept: QuizConcept,
  index: number,
  pool: ConceptPool,
  random: RandomSource,
  truths: TruthDealer,
): QuizQuestion | null {
  switch (mode) {
    case "typed-recall":
      return typedRecall(concept, index, pool);
    case "true-false":
      return trueFalse(concept, index, pool, random, truths);
    default:
      return multipleChoice(mode, concept, index, pool, random);
  }
}

function typedRecall(concept: QuizConcept, index: number, pool: ConceptPool): QuizQuestion | null {
  if (pool.namesOf(concept).size === 0) return null;
  const accepted: string[] = [];
  const seen = new Set<string>();
  for (const name of [concept.term, ...concept.aliases]) {
    const key = normalizeAnswer(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    accepted.push(name);
  }
  return { index, mode: "typed-recall", conceptId: concept.id, term: concept.term, prompt: concept.definition, accepted };
}

function multipleChoice(
  mode: MultipleChoiceMode,
  concept: QuizConcept,
  index: number,
  pool: ConceptPool,
  random: RandomSource,
): MultipleChoiceQuestion | null {
  let prompt: string;
  let textOf: (c: QuizConcept) => string;
  let keyOf: (c: QuizConcept) => string;
  let fits: (c: QuizConcept) => boolean = () => true;
  if (mode === "term-to-definition") {
    prompt = concept.term;
    textOf = (c) => c.definition;
    keyOf = (c) => pool.normalizedDefinition(c);
  } else {
    textOf = (c) => c.term;
    keyOf = (c) => normalizeAnswer(c.term);
    if (mode === "definition-to-term") {
      prompt = concept.definition;
    } else {
      if (concept.examples.length === 0) return null;
      prompt = concept.examples[randomIndex(random, concept.examples.length)];
      const example = normalizeAnswer(prompt);
      // Another concept that gives the same example would be a second right answer.
      fits = (c) => !c.examples.some((other) => normalizeAnswer(other) === example);
    }
  }

  const option = (c: QuizConcept): QuizOption => ({ conceptId: c.id, term: c.term, text: textOf(c) });
  const options = [option(concept)];
  const texts = new Set([keyOf(concept)]);
  for (const other of pool.candidates(concept, random)) {
    const key = keyOf(other);
    if (texts.has(key) || !fits(other)) continue;
    texts.add(key);
    options.push(option(other));
    if (options.length === MAX_OPTIONS) break;
  }
  if (options.length < 2) return null;

  const shuffled = shuffle(options, random);
  return {
    index,
    mode,
    conceptId: concept.id,
    term: concept.term,
    prompt,
    options: shuffled,
    answerIndex: shuffled.findIndex((o) => o.conceptId === concept.id),
  };
}

/**
 * A statement pairing the concept's definition with its own term (true) or with the term of the
 * best-ranked concept it could be mistaken for (false). Built only when a false statement is
 * possible, so the statement's truth is never given away by the pool.
 */
function trueFalse(
  concept: QuizConcept,
  index: number,
  pool: ConceptPool,
  random: RandomSource,
  truths: TruthDealer,
): TrueFalseQuestion | null {
  const partner = pool.candidates(concept, random).next();
  if (partner.done) return null;
  const truth = truths.next();
  const paired = truth ? concept : partner.value;
  return {
    index,
    mode: "true-false",
    conceptId: concept.id,
    term: concept.term,
    statement: { term: paired.term, definition: concept.definition },
    pairedConceptId: paired.id,
    truth,
  };
}
