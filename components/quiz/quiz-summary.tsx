import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDuration } from "@/lib/format";
import type { QuizFeedbackDTO } from "@/lib/types/quiz";
import type { CreateQuizAction } from "./requests";
import { StartQuizButton } from "./start-quiz-button";

const STAT_LABEL = "text-xs tracking-wide text-stone-500 uppercase dark:text-stone-400";

/** The end of a quiz: score, time, what was missed, and a way to go over the misses again. */
export function QuizSummary({
  feedback,
  createAction,
}: {
  feedback: (QuizFeedbackDTO | null)[];
  createAction: CreateQuizAction;
}) {
  const answered = feedback.filter((f): f is QuizFeedbackDTO => f !== null);
  const misses = answered.filter((f) => !f.correct);
  const score = answered.length - misses.length;
  const time = answered.reduce((sum, f) => sum + f.durationMs, 0);
  const missedIds = [...new Set(misses.map((f) => f.answer.id))];

  return (
    <Card
      as="section"
      size="lg"
      data-testid="quiz-summary"
      aria-labelledby="quiz-summary-title"
      className="px-5 py-7 sm:px-10 sm:py-10"
    >
      <h2 id="quiz-summary-title" className="text-center font-serif text-2xl font-semibold sm:text-3xl">
        {misses.length === 0 ? "All right!" : "Quiz complete"}
      </h2>
      <dl className="mx-auto mt-6 grid max-w-sm grid-cols-2 gap-3 text-center">
        <div>
          <dt className={STAT_LABEL}>Score</dt>
          <dd data-testid="quiz-score" className="mt-1 text-3xl font-semibold tabular-nums">
            {score} / {answered.length}
          </dd>
        </div>
        <div>
          <dt className={STAT_LABEL}>Time</dt>
          <dd data-testid="quiz-time" className="mt-1 text-3xl font-semibold tabular-nums">
            {formatDuration(time)}
          </dd>
        </div>
      </dl>

      {misses.length > 0 ? (
        <section aria-labelledby="misses-title" className="mt-8">
          <h3 id="misses-title" className={STAT_LABEL}>
            Missed
          </h3>
          <ul data-testid="quiz-misses" className="mt-3 divide-y divide-stone-200 dark:divide-stone-800">
            {misses.map((miss) => (
              <li key={miss.questionId} className="py-3">
                <p className="font-serif text-lg font-semibold break-words">{miss.answer.term}</p>
                {miss.chosen || typeof miss.choice === "string" ? (
                  <p className="mt-0.5 text-sm break-words text-red-700 dark:text-red-400">
                    {miss.chosen ? `You chose ${miss.chosen.term}` : `You typed “${String(miss.choice)}”`}
                  </p>
                ) : null}
                <p className="mt-1 text-sm break-words text-stone-600 dark:text-stone-400">
                  {miss.answer.definition.split("\n\n")[0]}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="mt-8 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start sm:justify-center">
        {missedIds.length > 0 ? (
          <StartQuizButton
            action={createAction}
            request={{ scope: { kind: "concepts", conceptIds: missedIds }, length: "all", mode: "mixed" }}
            testId="quiz-misses-again"
          >
            Quiz the misses again
          </StartQuizButton>
        ) : null}
        <LinkButton href="/quiz" variant="secondary" data-testid="new-quiz">
          New quiz
        </LinkButton>
        <LinkButton href="/quiz/confusions" variant="secondary">
          Confusions
        </LinkButton>
      </div>
    </Card>
  );
}
