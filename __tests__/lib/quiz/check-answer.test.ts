import { buildQuiz } from "@/lib/quiz/build-quiz";
import { checkAnswer, questionView } from "@/lib/quiz/check-answer";
import { seededRandom } from "@/lib/quiz/random";
import {
  QUIZ_MODES,
  type MultipleChoiceQuestion,
  type QuizMode,
  type QuizQuestion,
  type TrueFalseQuestion,
} from "@/lib/quiz/types";
import { learnedOptimizationDeck } from "./concepts";

const deck = learnedOptimizationDeck();
const mesa = deck.find((c) => c.id === "mesa-optimizer")!;

function ask(mode: QuizMode, seed = 1): QuizQuestion {
  return buildQuiz({ concepts: [mesa], pool: deck, modes: [mode], length: 1, random: seededRandom(seed) })[0];
}

function statement(truth: boolean): TrueFalseQuestion {
  for (let seed = 1; ; seed++) {
    const question = ask("true-false", seed) as TrueFalseQuestion;
    if (question.truth === truth) return question;
  }
}

describe("checkAnswer for multiple choice", () => {
  const question = ask("definition-to-term") as MultipleChoiceQuestion;
  const wrongIndex = question.options.findIndex((o) => o.conceptId !== mesa.id);
  const wrong = question.options[wrongIndex];

  it("accepts the answer's index", () => {
    expect(checkAnswer(question, question.answerIndex)).toEqual({
      valid: true,
      correct: true,
      conceptId: mesa.id,
      correction: "The answer is Mesa-optimizer.",
    });
  });

  it("reports another option as the concept chosen, and names both terms", () => {
    expect(checkAnswer(question, wrongIndex)).toEqual({
      valid: true,
      correct: false,
      conceptId: mesa.id,
      chosenConceptId: wrong.conceptId,
      correction: `The answer is Mesa-optimizer, not ${wrong.term}.`,
    });
  });

  it("names the chosen term even when the options are definitions", () => {
    const definitions = ask("term-to-definition") as MultipleChoiceQuestion;
    const index = definitions.options.findIndex((o) => o.conceptId !== mesa.id);
    const picked = deck.find((c) => c.id === definitions.options[index].conceptId)!;
    expect(definitions.options[index].text).toBe(picked.definition);
    expect(checkAnswer(definitions, index)).toMatchObject({
      correct: false,
      correction: `The answer is Mesa-optimizer, not ${picked.term}.`,
    });
  });

  it.each([-1, 4, 1.5, Number.NaN, "1", true])("refuses %p as a choice", (answer) => {
    expect(checkAnswer(question, answer)).toEqual({ valid: false, message: "Choose one of the 4 options." });
  });
});

describe("checkAnswer for true/false", () => {
  it("a true statement: true is right; false is wrong without a confusion", () => {
    const question = statement(true);
    expect(checkAnswer(question, true)).toEqual({
      valid: true,
      correct: true,
      conceptId: mesa.id,
      correction: "True: this is the definition of Mesa-optimizer.",
    });
    expect(checkAnswer(question, false)).toEqual({
      valid: true,
      correct: false,
      conceptId: mesa.id,
      correction: "True: this is the definition of Mesa-optimizer.",
    });
  });

  it("a false statement: accepting it confuses the paired concept with the asked one, and the correction names the right term", () => {
    const question = statement(false);
    const paired = deck.find((c) => c.id === question.pairedConceptId)!;
    expect(mesa.confusables).toContain(paired.slug);
    const correction = `False: this is the definition of Mesa-optimizer, not ${paired.term}.`;
    expect(checkAnswer(question, false)).toEqual({ valid: true, correct: true, conceptId: mesa.id, correction });
    expect(checkAnswer(question, true)).toEqual({
      valid: true,
      correct: false,
      conceptId: mesa.id,
      chosenConceptId: paired.id,
      correction,
    });
  });

  it.each([0, 1, "true", "T"])("refuses %p", (answer) => {
    expect(checkAnswer(statement(true), answer)).toEqual({ valid: false, message: "Answer true or false." });
  });
});

describe("questionView", () => {
  it("shows the prompt and options of every mode but nothing that gives the answer away", () => {
    for (const mode of QUIZ_MODES) {
      for (let seed = 1; seed <= 20; seed++) {
        const question = ask(mode, seed);
        const view = questionView(question);
        const json = JSON.stringify(view);
        expect(json).not.toMatch(/answerIndex|truth|accepted|conceptId/);
        expect(json).not.toContain(`"${mesa.id}"`);
        if (question.mode === "typed-recall") expect(view).toEqual({ index: 0, mode, prompt: mesa.definition });
        if (question.mode === "true-false") expect(view).toEqual({ index: 0, mode, statement: question.statement });
        if (question.mode !== "typed-recall" && question.mode !== "true-false") {
          expect(view).toEqual({ index: 0, mode, prompt: question.prompt, options: question.options.map((o) => o.text) });
        }
      }
    }
  });
});
