"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Paragraphs } from "@/components/concepts/concept-details";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NavLink } from "@/components/ui/nav-link";
import type { QuizAnswer } from "@/lib/quiz/types";
import type { QuizDTO, QuizFeedbackDTO, QuizQuestionDTO } from "@/lib/types/quiz";
import { ConceptPanel } from "./concept-panel";
import { MODE_LABELS, MODE_PROMPTS } from "./labels";
import { QuizSummary } from "./quiz-summary";
import type { AnswerQuizAction, CreateQuizAction } from "./requests";

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ["BUTTON", "A"].includes(target.tagName);
}

const KEY_HINT =
  "rounded border border-stone-300 px-1.5 py-0.5 font-mono text-xs text-stone-600 dark:border-stone-700 dark:text-stone-400";

function Prompt({ question }: { question: QuizQuestionDTO }) {
  switch (question.mode) {
    case "term-to-definition":
      return <p className="font-serif text-3xl leading-tight font-semibold break-words sm:text-4xl">{question.prompt}</p>;
    case "example-to-concept":
      return (
        <blockquote className="border-l-4 border-accent-300 pl-4 dark:border-accent-700">
          <Paragraphs text={question.prompt} className="font-serif text-xl leading-relaxed italic sm:text-2xl" />
        </blockquote>
      );
    case "true-false":
      return (
        <div className="space-y-3">
          <p className="font-serif text-3xl leading-tight font-semibold break-words sm:text-4xl">{question.statement.term}</p>
          <p className="text-sm font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">is defined as</p>
          <Paragraphs text={question.statement.definition} className="font-serif text-xl leading-relaxed sm:text-2xl" />
        </div>
      );
    default:
      return <Paragraphs text={question.prompt} className="font-serif text-xl leading-relaxed sm:text-2xl" />;
  }
}

type OptionState = "idle" | "pending" | "right" | "wrong" | "muted";

const OPTION_STATES: Record<OptionState, string> = {
  idle: "border-stone-200 hover:border-accent-400 hover:bg-accent-50/60 dark:border-stone-700 dark:hover:border-accent-400 dark:hover:bg-accent-700/10",
  pending: "border-accent-500 bg-accent-50 dark:border-accent-400 dark:bg-accent-700/15",
  right: "border-emerald-500 bg-emerald-50 dark:border-emerald-600 dark:bg-emerald-950/40",
  wrong: "border-red-400 bg-red-50 dark:border-red-700 dark:bg-red-950/40",
  muted: "border-stone-200 opacity-60 dark:border-stone-800",
};

function optionState(i: number, pending: QuizAnswer | null, feedback: QuizFeedbackDTO | null): OptionState {
  if (feedback) {
    if (i === feedback.answerIndex) return "right";
    if (i === feedback.choice) return "wrong";
    return "muted";
  }
  return pending === i ? "pending" : "idle";
}

function Verdict({ feedback }: { feedback: QuizFeedbackDTO }) {
  return (
    <div>
      <p
        data-testid="verdict"
        className={`text-lg font-semibold ${feedback.correct ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
      >
        {feedback.correct ? "Right" : "Not quite"}
      </p>
      <p data-testid="correction" className="mt-1 text-stone-700 dark:text-stone-300">
        {feedback.acceptedSpelling !== null
          ? `Accepted, spelled “${feedback.acceptedSpelling}”: the answer is ${feedback.answer.term}.`
          : feedback.correction}
      </p>
    </div>
  );
}

/**
 * The verdict with the way on beside it, then the concepts. The Next button sits with the verdict
 * (not under the concept panels) so that on a phone, scrolled to show the verdict, it is in view
 * too, and giving it focus does not scroll the verdict away.
 */
function Feedback({ feedback, next }: { feedback: QuizFeedbackDTO; next: ReactNode }) {
  return (
    <div data-testid="feedback" className="mt-6 space-y-4 border-t border-stone-200 pt-6 dark:border-stone-800">
      <div data-testid="verdict-row" className="flex scroll-mb-4 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <Verdict feedback={feedback} />
        {next}
      </div>
      {!feedback.correct && feedback.chosen ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <ConceptPanel concept={feedback.chosen} label="What you chose" tone="wrong" testId="chosen-concept" />
          <ConceptPanel concept={feedback.answer} label="The answer" tone="right" testId="answer-concept" />
        </div>
      ) : (
        <ConceptPanel
          concept={feedback.answer}
          label="The answer"
          tone={feedback.correct ? "right" : "neutral"}
          testId="answer-concept"
        />
      )}
    </div>
  );
}

/**
 * One quiz, a question at a time. The questions are all on the page, so the next one appears at
 * once; only the verdict waits for the server, which alone knows the answers.
 */
export function QuizRunner({
  quiz,
  answerAction,
  createAction,
}: {
  quiz: QuizDTO;
  answerAction: AnswerQuizAction;
  createAction: CreateQuizAction;
}) {
  const router = useRouter();
  const total = quiz.questions.length;
  const [feedback, setFeedback] = useState(quiz.feedback);
  const [current, setCurrent] = useState(() => {
    const open = quiz.feedback.findIndex((f) => f === null);
    return open === -1 ? total : open;
  });
  const [pending, setPending] = useState<QuizAnswer | null>(null);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const shownAt = useRef(0);
  const promptRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const verdictRef = useRef<HTMLDivElement>(null);

  const question = current < total ? quiz.questions[current] : null;
  const answered = question ? feedback[current] : null;

  useEffect(() => {
    shownAt.current = Date.now();
    if (!question) return;
    if (question.mode === "typed-recall") inputRef.current?.focus();
    else promptRef.current?.focus();
  }, [question]);

  // Focus on Next (so Enter continues) without the browser's own scroll to it, then the least
  // scroll that shows the verdict: on a phone the chosen option stays just above it.
  useEffect(() => {
    if (!answered) return;
    nextRef.current?.focus({ preventScroll: true });
    verdictRef.current?.querySelector("[data-testid=verdict-row]")?.scrollIntoView({ block: "nearest" });
  }, [answered]);

  const answer = useCallback(
    async (choice: QuizAnswer) => {
      if (!question || answered || pending !== null) return;
      setPending(choice);
      setError(null);
      const result = await answerAction({
        questionId: question.id,
        answer: choice,
        durationMs: Math.max(0, Date.now() - shownAt.current),
      }).catch(() => null);
      setPending(null);
      if (result?.ok) {
        setFeedback((list) => list.map((f, i) => (i === current ? result.data : f)));
      } else if (result?.code === "CONFLICT") {
        // Answered in another tab: load the answers the server has.
        setError(result.error);
        router.refresh();
      } else {
        setError(result ? result.error : "Your answer could not be sent (the server did not answer). Please try again.");
      }
    },
    [question, answered, pending, answerAction, current, router],
  );

  const next = useCallback(() => {
    setCurrent((c) => c + 1);
    setTyped("");
    setError(null);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!question || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (answered) {
        if (event.key === "Enter" && !isControl(event.target)) {
          event.preventDefault();
          next();
        }
        return;
      }
      const key = event.key.toLowerCase();
      if (question.mode === "true-false") {
        if (key === "t" || key === "f") {
          event.preventDefault();
          void answer(key === "t");
        }
      } else if (question.mode !== "typed-recall" && /^[1-9]$/.test(key)) {
        const index = Number(key) - 1;
        if (index < question.options.length) {
          event.preventDefault();
          void answer(index);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [question, answered, answer, next]);

  // The title wraps rather than being cut off; "End quiz" goes once there is nothing left to end.
  const header = (
    <div className="mb-4 flex items-baseline justify-between gap-3">
      <h1 className="min-w-0 font-serif text-xl font-semibold text-balance break-words" data-testid="quiz-title">
        {quiz.title}
      </h1>
      {question ? (
        <NavLink href="/quiz" size="sm" className="shrink-0">
          End quiz
        </NavLink>
      ) : null}
    </div>
  );

  if (!question) {
    return (
      <>
        {header}
        <QuizSummary feedback={feedback} createAction={createAction} />
      </>
    );
  }

  const score = feedback.filter((f) => f?.correct).length;
  const submitTyped = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) void answer(typed);
  };

  return (
    <>
      {header}
      <Card as="article" size="lg" className="px-5 py-6 sm:px-10 sm:py-9" data-testid="quiz-question" data-mode={question.mode}>
        <div className="flex items-baseline justify-between gap-3 text-sm text-stone-500 dark:text-stone-400">
          <p data-testid="quiz-progress" className="tabular-nums">
            Question {current + 1} of {total}
          </p>
          <p className="tabular-nums">{score} right</p>
        </div>
        <div className="mt-2 h-1 overflow-hidden rounded-full bg-stone-100 dark:bg-stone-800" aria-hidden="true">
          <div className="h-full bg-accent-500" style={{ width: `${((current + (answered ? 1 : 0)) / total) * 100}%` }} />
        </div>

        <div
          ref={promptRef}
          tabIndex={-1}
          className="mt-6 focus:outline-none"
          aria-labelledby="quiz-instruction"
          data-testid="quiz-prompt"
        >
          <h2 id="quiz-instruction" className="text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">
            {MODE_PROMPTS[question.mode]}
            <span className="sr-only"> ({MODE_LABELS[question.mode]})</span>
          </h2>
          <div className="mt-3">
            <Prompt question={question} />
          </div>
        </div>

        <div className="mt-6">
          {question.mode === "true-false" ? (
            <div className="grid grid-cols-2 gap-3">
              {[true, false].map((value) => {
                const state: OptionState = answered
                  ? value === answered.truth
                    ? "right"
                    : value === answered.choice
                      ? "wrong"
                      : "muted"
                  : pending === value
                    ? "pending"
                    : "idle";
                return (
                  <button
                    key={String(value)}
                    type="button"
                    onClick={() => void answer(value)}
                    disabled={answered !== null || pending !== null}
                    data-testid={value ? "answer-true" : "answer-false"}
                    className={`flex items-center justify-between gap-2 rounded-xl border-2 px-4 py-3 text-left text-lg font-medium transition-colors disabled:cursor-default ${OPTION_STATES[state]}`}
                  >
                    {value ? "True" : "False"}
                    <kbd className={KEY_HINT}>{value ? "T" : "F"}</kbd>
                  </button>
                );
              })}
            </div>
          ) : question.mode === "typed-recall" ? (
            <form onSubmit={submitTyped} className="flex flex-col gap-3 sm:flex-row">
              <label htmlFor="typed-answer" className="sr-only">
                The term
              </label>
              <input
                ref={inputRef}
                id="typed-answer"
                value={answered ? String(answered.choice) : typed}
                onChange={(e) => setTyped(e.target.value)}
                readOnly={answered !== null || pending !== null}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={300}
                placeholder="Type the term"
                data-testid="typed-answer"
                className={`block w-full min-w-0 flex-1 rounded-lg border-2 bg-white px-3 py-2.5 text-lg text-stone-900 placeholder:text-stone-400 focus:ring-2 focus:ring-accent-500/30 focus:outline-none dark:bg-stone-900 dark:text-stone-100 ${
                  answered
                    ? answered.correct
                      ? "border-emerald-500"
                      : "border-red-400 dark:border-red-700"
                    : "border-stone-300 focus:border-accent-500 dark:border-stone-700"
                }`}
              />
              {answered ? null : (
                <Button type="submit" size="lg" disabled={!typed.trim() || pending !== null}>
                  Check
                </Button>
              )}
            </form>
          ) : (
            <ol className="space-y-2.5">
              {question.options.map((text, i) => {
                const state = optionState(i, pending, answered);
                return (
                  <li key={i}>
                    <button
                      type="button"
                      onClick={() => void answer(i)}
                      disabled={answered !== null || pending !== null}
                      data-testid={`option-${i + 1}`}
                      data-state={state}
                      className={`flex w-full items-start gap-3 rounded-xl border-2 px-4 py-3 text-left transition-colors disabled:cursor-default ${OPTION_STATES[state]}`}
                    >
                      <kbd className={`${KEY_HINT} mt-0.5 shrink-0`}>{i + 1}</kbd>
                      <span
                        className={`min-w-0 break-words ${question.mode === "term-to-definition" ? "text-[0.95rem] leading-relaxed" : "text-lg font-medium"}`}
                      >
                        {text}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
        </div>

        {error ? (
          <div className="mt-4">
            <Alert>{error}</Alert>
          </div>
        ) : null}

        <div aria-live="polite" ref={verdictRef}>
          {answered ? (
            <Feedback
              feedback={answered}
              next={
                <div className="flex shrink-0 items-center justify-end gap-3">
                  <span className="hidden text-sm text-stone-500 sm:inline dark:text-stone-400">
                    <kbd className={KEY_HINT}>Enter</kbd>
                  </span>
                  <button
                    ref={nextRef}
                    type="button"
                    onClick={next}
                    className={buttonClass("primary", "lg", "w-full sm:w-auto")}
                    data-testid="next-question"
                  >
                    {current + 1 < total ? "Next question" : "See results"}
                  </button>
                </div>
              }
            />
          ) : null}
        </div>
      </Card>
    </>
  );
}
