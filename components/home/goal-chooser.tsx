"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ActionResult } from "@/lib/types/actions";
import { DEFAULT_DAILY_GOAL_CHOICE, type DailyGoalChoice } from "@/lib/validation/settings-limits";

const CHOICES: { value: DailyGoalChoice; label: string; detail: string }[] = [
  { value: "10", label: "10 reviews a day", detail: "A few minutes: a light start." },
  { value: "20", label: "20 reviews a day", detail: "About five minutes. A good start for most." },
  { value: "50", label: "50 reviews a day", detail: "Ten minutes or more, for a course or a reading group." },
  { value: "CLEAR_DUE", label: "Clear my due cards", detail: "Every card due that day, whatever the number." },
];

/**
 * Home's first-visit question: the daily goal that keeps the streak, with a sensible choice
 * preselected. Settings can change it later (any number of reviews).
 */
export function GoalChooser({ action }: { action: (input: { goal: DailyGoalChoice }) => Promise<ActionResult<void>> }) {
  const router = useRouter();
  const [goal, setGoal] = useState<DailyGoalChoice>(DEFAULT_DAILY_GOAL_CHOICE);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card as="section" aria-labelledby="choose-goal" className="mb-6 px-5 py-5 sm:px-6" data-testid="goal-chooser">
      <h2 id="choose-goal" className="font-serif text-xl font-semibold">
        Pick a daily goal
      </h2>
      <p id="choose-goal-hint" className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        Meet it on a study day and your streak grows. A day with nothing due never breaks it.
      </p>
      <form
        className="mt-4"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            const result = await action({ goal });
            if (result.ok) {
              setError(null);
              router.refresh();
            } else setError(result.error);
          });
        }}
      >
        <fieldset aria-describedby="choose-goal-hint" className="grid gap-2 sm:grid-cols-2">
          <legend className="sr-only">Daily goal</legend>
          {CHOICES.map((choice) => (
            <label
              key={choice.value}
              htmlFor={`goal-${choice.value}`}
              className="flex cursor-pointer items-start gap-3 rounded-lg border border-stone-200 px-3 py-2.5 has-checked:border-accent-500 has-checked:bg-accent-50 dark:border-stone-800 dark:has-checked:border-accent-400 dark:has-checked:bg-accent-700/10"
            >
              <input
                id={`goal-${choice.value}`}
                type="radio"
                name="goal"
                value={choice.value}
                checked={goal === choice.value}
                onChange={() => setGoal(choice.value)}
                className="mt-1 accent-accent-600"
              />
              <span className="text-sm font-medium">
                {choice.label}
                <span className="block font-normal text-stone-600 dark:text-stone-400">{choice.detail}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : null}
        <Button type="submit" className="mt-4 w-full sm:w-auto" disabled={pending} data-testid="save-goal">
          {pending ? "Saving…" : "Set my goal"}
        </Button>
      </form>
    </Card>
  );
}
