import { Card } from "@/components/ui/card";
import { formatPastTime, plural } from "@/lib/format";
import type { ConfusionDTO } from "@/lib/types/quiz";
import { ConceptPanel } from "./concept-panel";
import type { CreateQuizAction } from "./requests";
import { StartQuizButton } from "./start-quiz-button";

/** The pairs the user mixes up most, both definitions side by side, each a click from a quiz. */
export function ConfusionList({
  pairs,
  now,
  timeZone,
  createAction,
}: {
  pairs: ConfusionDTO[];
  now: Date;
  timeZone: string;
  createAction: CreateQuizAction;
}) {
  return (
    <ol className="space-y-5" data-testid="confusions">
      {pairs.map((pair) => (
        <li key={`${pair.a.id}-${pair.b.id}`}>
          <Card
            as="article"
            className="px-4 py-5 sm:px-6"
            aria-label={`${pair.a.term} and ${pair.b.term}`}
            data-testid="confusion"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
              <h2 className="font-serif text-xl font-semibold break-words">
                {pair.a.term} <span className="font-sans text-base font-normal text-stone-500 dark:text-stone-400">and</span>{" "}
                {pair.b.term}
              </h2>
              <p className="text-sm text-stone-500 tabular-nums dark:text-stone-400">
                Mixed up {plural(pair.count, { one: "time", other: "times" })} · last {formatPastTime(pair.lastAt, now, timeZone)}
              </p>
            </div>
            <div className="mt-4 grid gap-3 sm:grid-cols-2">
              <ConceptPanel concept={pair.a} />
              <ConceptPanel concept={pair.b} />
            </div>
            <div className="mt-4">
              <StartQuizButton
                action={createAction}
                request={{ scope: { kind: "pair", conceptIds: [pair.a.id, pair.b.id] }, length: "all", mode: "mixed" }}
                variant="secondary"
                testId="quiz-pair"
              >
                Quiz me on this pair
              </StartQuizButton>
            </div>
          </Card>
        </li>
      ))}
    </ol>
  );
}
