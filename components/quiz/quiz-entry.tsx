import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The home page's way into self-quizzing. */
export function QuizEntry() {
  return (
    <Card
      as="section"
      aria-labelledby="quiz-entry"
      className="mt-6 flex flex-col gap-4 px-6 py-5 sm:flex-row sm:items-center sm:justify-between"
    >
      <div>
        <h2 id="quiz-entry" className="font-serif text-xl font-semibold">
          Quiz yourself
        </h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Drill the definitions before a discussion, and see which terms you mix up.
        </p>
      </div>
      <div className="flex shrink-0 gap-2">
        <LinkButton href="/quiz" data-testid="start-quiz-home">
          Start a quiz
        </LinkButton>
        <LinkButton href="/quiz/confusions" variant="secondary">
          Confusions
        </LinkButton>
      </div>
    </Card>
  );
}
