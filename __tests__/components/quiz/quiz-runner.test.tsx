/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import type { AnswerQuizRequest } from "@/components/quiz/requests";
import type { ActionResult } from "@/lib/types/actions";
import type { QuizConceptDTO, QuizDTO, QuizFeedbackDTO } from "@/lib/types/quiz";

jest.mock("next/navigation", () => ({ useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }) }));

/** What was scrolled into view, and how (jsdom draws nothing, so it has no scrollIntoView of its own). */
const scrolled: { testId: string | null; options: unknown }[] = [];
beforeAll(() => {
  Element.prototype.scrollIntoView = function (this: Element, options?: boolean | ScrollIntoViewOptions) {
    scrolled.push({ testId: this.getAttribute("data-testid"), options });
  };
});
beforeEach(() => {
  scrolled.length = 0;
});

const concept = (term: string): QuizConceptDTO => ({
  id: `id-${term}`,
  term,
  definition: `Definition of ${term}.`,
  definitionHtml: { __html: `<p>Definition of ${term}.</p>` },
  reworded: false,
  deckTitle: "Deck",
  sourceTitle: "Paper",
  sourceUrl: "",
  sourceLocator: "§1",
});

const QUIZ: QuizDTO = {
  id: "quiz-1",
  title: "Deck",
  finished: false,
  questions: [
    { id: "q1", index: 0, mode: "definition-to-term", prompt: "Definition of Goal.", options: ["Purpose", "Goal", "Optimizer"] },
    { id: "q2", index: 1, mode: "true-false", statement: { term: "Optimizer", definition: "Definition of Optimizer." } },
    { id: "q3", index: 2, mode: "typed-recall", prompt: "Definition of Mesa-optimizer." },
  ],
  feedback: [null, null, null],
};

function feedback(request: AnswerQuizRequest): QuizFeedbackDTO {
  const base = {
    questionId: request.questionId,
    choice: request.answer,
    durationMs: 2000,
    acceptedSpelling: null,
    answerIndex: null,
    truth: null,
    chosen: null,
  };
  switch (request.questionId) {
    case "q1":
      return {
        ...base,
        correct: request.answer === 1,
        answerIndex: 1,
        answer: concept("Goal"),
        chosen: request.answer === 1 ? null : concept("Purpose"),
        correction: "The answer is Goal, not Purpose.",
      };
    case "q2":
      return {
        ...base,
        correct: request.answer === true,
        truth: true,
        answer: concept("Optimizer"),
        correction: "True: this is the definition of Optimizer.",
      };
    default:
      return {
        ...base,
        correct: true,
        acceptedSpelling: String(request.answer),
        answer: concept("Mesa-optimizer"),
        correction: "Accepted.",
      };
  }
}

function setup() {
  const requests: AnswerQuizRequest[] = [];
  const answerAction = jest.fn((request: AnswerQuizRequest): Promise<ActionResult<QuizFeedbackDTO>> => {
    requests.push(request);
    return Promise.resolve({ ok: true, data: feedback(request) });
  });
  const createAction = jest.fn(() => Promise.resolve({ ok: true as const, data: { quizId: "quiz-2", questionCount: 1 } }));
  render(<QuizRunner quiz={QUIZ} answerAction={answerAction} createAction={createAction} />);
  return { requests, createAction };
}

async function press(key: string, target: Element | Window = window) {
  await act(async () => {
    fireEvent.keyDown(target, { key });
    await Promise.resolve();
  });
}

it("answers by keyboard, sends only the question id, the choice and the time, and ends on the results", async () => {
  const { requests } = setup();
  expect(screen.getByTestId("quiz-progress").textContent).toBe("Question 1 of 3");

  // 1 picks the first option: Purpose, which is wrong.
  await press("1");
  expect(requests).toHaveLength(1);
  expect(Object.keys(requests[0]).sort()).toEqual(["answer", "durationMs", "questionId"]);
  expect(requests[0]).toMatchObject({ questionId: "q1", answer: 0 });
  expect(screen.getByTestId("verdict").textContent).toBe("Not quite");
  expect(screen.getByTestId("chosen-concept").textContent).toContain("Definition of Purpose.");
  expect(screen.getByTestId("answer-concept").textContent).toContain("Definition of Goal.");
  expect(screen.getByTestId("option-2").getAttribute("data-state")).toBe("right");
  expect(screen.getByTestId("option-1").getAttribute("data-state")).toBe("wrong");
  // The Next button has focus, so Enter continues; it sits beside the verdict, and the verdict is
  // scrolled into view (the least scroll), so on a phone focus does not carry the verdict away.
  expect(document.activeElement).toBe(screen.getByTestId("next-question"));
  expect(screen.getByTestId("verdict-row").contains(screen.getByTestId("next-question"))).toBe(true);
  expect(screen.getByTestId("verdict-row").contains(screen.getByTestId("verdict"))).toBe(true);
  expect(scrolled).toEqual([{ testId: "verdict-row", options: { block: "nearest" } }]);
  expect(screen.getByRole("link", { name: "End quiz" }).getAttribute("href")).toBe("/quiz");

  // A second key on an answered question sends nothing.
  await press("2");
  expect(requests).toHaveLength(1);

  await press("Enter");
  expect(screen.getByTestId("quiz-progress").textContent).toBe("Question 2 of 3");
  // Option keys do nothing on a true/false question; T answers true.
  await press("1");
  expect(requests).toHaveLength(1);
  await press("t");
  expect(requests[1]).toMatchObject({ questionId: "q2", answer: true });
  expect(screen.getByTestId("verdict").textContent).toBe("Right");
  await press("Enter");

  // Typed recall: the input has focus, a digit typed there is text, Enter submits.
  const input = screen.getByTestId("typed-answer");
  expect(document.activeElement).toBe(input);
  await press("1", input);
  expect(requests).toHaveLength(2);
  fireEvent.change(input, { target: { value: "mesa optimzer" } });
  await act(async () => {
    fireEvent.submit(input.closest("form")!);
    await Promise.resolve();
  });
  expect(requests[2]).toMatchObject({ questionId: "q3", answer: "mesa optimzer" });
  expect(screen.getByTestId("correction").textContent).toBe("Accepted, spelled “mesa optimzer”: the answer is Mesa-optimizer.");
  expect(screen.getByTestId("next-question").textContent).toBe("See results");
  await press("Enter");

  expect(screen.getByTestId("quiz-score").textContent).toBe("2 / 3");
  // Nothing is left to end on the results; the title stays.
  expect(screen.queryByRole("link", { name: "End quiz" })).toBeNull();
  expect(screen.getByTestId("quiz-title").textContent).toBe(QUIZ.title);
  expect(screen.getByTestId("quiz-time").textContent).toBe("6s");
  const misses = screen.getByTestId("quiz-misses");
  expect(misses.textContent).toContain("Goal");
  expect(misses.textContent).toContain("You chose Purpose");
});

it("offers the misses as a new quiz of exactly those concepts", async () => {
  const { createAction } = setup();
  await press("1");
  await press("Enter");
  await press("t");
  await press("Enter");
  const input = screen.getByTestId("typed-answer");
  fireEvent.change(input, { target: { value: "mesa optimizer" } });
  await act(async () => {
    fireEvent.submit(input.closest("form")!);
    await Promise.resolve();
  });
  await press("Enter");
  await act(async () => {
    fireEvent.click(screen.getByTestId("quiz-misses-again"));
    await Promise.resolve();
  });
  expect(createAction).toHaveBeenCalledWith({
    scope: { kind: "concepts", conceptIds: ["id-Goal"] },
    length: "all",
    mode: "mixed",
  });
});
