"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/select-field";
import { QUIZ_LENGTHS, QUIZ_MODE_CHOICES, type QuizLength, type QuizModeChoice } from "@/lib/quiz/setup";
import type { QuizSetupDTO } from "@/lib/types/quiz";
import { MODE_LABELS } from "./labels";
import type { CreateQuizAction, QuizScopeRequest } from "./requests";

type ScopeKind = "all" | "deck" | "weak" | "tag" | "pair";

const CHOICE =
  "flex cursor-pointer items-center justify-between gap-3 rounded-xl border border-stone-200 px-4 py-3 text-left transition-colors has-checked:border-accent-500 has-checked:bg-accent-50 has-disabled:cursor-not-allowed has-disabled:opacity-50 dark:border-stone-800 dark:has-checked:border-accent-400 dark:has-checked:bg-accent-700/15";
const LEGEND = "text-sm font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400";

function Choice({
  name,
  value,
  checked,
  onChange,
  disabled,
  label,
  detail,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  disabled?: boolean;
  label: string;
  detail?: string;
  children?: ReactNode;
}) {
  return (
    <div>
      <label className={CHOICE}>
        <span className="flex min-w-0 items-center gap-3">
          <input
            type="radio"
            name={name}
            value={value}
            checked={checked}
            onChange={onChange}
            disabled={disabled}
            className="accent-accent-600"
          />
          <span className="min-w-0 break-words">{label}</span>
        </span>
        {detail ? <span className="shrink-0 text-sm text-stone-600 tabular-nums dark:text-stone-400">{detail}</span> : null}
      </label>
      {checked && children ? <div className="px-1 pt-2">{children}</div> : null}
    </div>
  );
}

/** Choosing what to be quizzed on, how many questions and which kinds. */
export function QuizSetup({ setup, createAction }: { setup: QuizSetupDTO; createAction: CreateQuizAction }) {
  const router = useRouter();
  const [kind, setKind] = useState<ScopeKind>(setup.decks.length === 1 ? "deck" : "all");
  const [deckId, setDeckId] = useState(setup.decks[0]?.id ?? "");
  const [tag, setTag] = useState(setup.tags[0]?.tag ?? "");
  const [pair, setPair] = useState(0);
  const [length, setLength] = useState<QuizLength>(10);
  const [mode, setMode] = useState<QuizModeChoice>("mixed");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const total = setup.decks.reduce((sum, deck) => sum + deck.conceptCount, 0);
  if (total === 0) {
    return <Alert tone="info">You are not studying any deck yet, so there is nothing to quiz on.</Alert>;
  }

  const scope = (): QuizScopeRequest => {
    switch (kind) {
      case "deck":
        return { kind, deckId };
      case "tag":
        return { kind, tag };
      case "pair": {
        const chosen = setup.pairs[pair];
        return { kind, conceptIds: [chosen.a.id, chosen.b.id] };
      }
      default:
        return { kind };
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      setError(null);
      const result = await createAction({ scope: scope(), length, mode }).catch(() => null);
      if (result?.ok) router.push(`/quiz/${result.data.quizId}`);
      else setError(result ? result.error : "The server did not answer. Please try again.");
    });
  };

  return (
    <Card as="form" size="lg" onSubmit={submit} className="space-y-7 px-5 py-6 sm:px-8 sm:py-8" data-testid="quiz-setup">
      <fieldset className="space-y-2">
        <legend className={LEGEND}>Quiz me on</legend>
        <div className="mt-3 space-y-2">
          {setup.decks.length > 1 ? (
            <Choice
              name="scope"
              value="all"
              checked={kind === "all"}
              onChange={() => setKind("all")}
              label="All my decks"
              detail={`${total}`}
            />
          ) : null}
          {setup.decks.length > 1 ? (
            <Choice name="scope" value="deck" checked={kind === "deck"} onChange={() => setKind("deck")} label="One deck">
              <SelectField label="Deck" labelHidden name="quiz-deck" value={deckId} onChange={(e) => setDeckId(e.target.value)}>
                {setup.decks.map((deck) => (
                  <option key={deck.id} value={deck.id}>
                    {deck.title} ({deck.conceptCount})
                  </option>
                ))}
              </SelectField>
            </Choice>
          ) : (
            <Choice
              name="scope"
              value="deck"
              checked={kind === "deck"}
              onChange={() => setKind("deck")}
              label={setup.decks[0].title}
              detail={`${setup.decks[0].conceptCount}`}
            />
          )}
          <Choice
            name="scope"
            value="weak"
            checked={kind === "weak"}
            onChange={() => setKind("weak")}
            disabled={setup.weakSpotCount === 0}
            label="Weak spots"
            detail={setup.weakSpotCount === 0 ? "none yet" : `${setup.weakSpotCount}`}
          />
          {setup.tags.length > 0 ? (
            <Choice name="scope" value="tag" checked={kind === "tag"} onChange={() => setKind("tag")} label="A tag">
              <SelectField label="Tag" labelHidden name="quiz-tag" value={tag} onChange={(e) => setTag(e.target.value)}>
                {setup.tags.map((t) => (
                  <option key={t.tag} value={t.tag}>
                    {t.tag} ({t.conceptCount})
                  </option>
                ))}
              </SelectField>
            </Choice>
          ) : null}
          {setup.pairs.length > 0 ? (
            <Choice name="scope" value="pair" checked={kind === "pair"} onChange={() => setKind("pair")} label="A pair I confuse">
              <SelectField
                label="Pair"
                labelHidden
                name="quiz-pair"
                value={pair}
                onChange={(e) => setPair(Number(e.target.value))}
              >
                {setup.pairs.map((p, i) => (
                  <option key={`${p.a.id}-${p.b.id}`} value={i}>
                    {p.a.term} / {p.b.term} ({p.count}×)
                  </option>
                ))}
              </SelectField>
            </Choice>
          ) : null}
        </div>
        <p className="pt-1 text-sm text-stone-500 dark:text-stone-400">
          Weak spots are concepts you forgot in review or missed in a quiz in the last 30 days.
        </p>
      </fieldset>

      <fieldset>
        <legend className={LEGEND}>Questions</legend>
        <div className="mt-3 grid grid-cols-3 gap-2">
          {QUIZ_LENGTHS.map((value) => (
            <label
              key={value}
              className={`${CHOICE} justify-center has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent-500`}
            >
              <input
                type="radio"
                name="length"
                value={value}
                checked={length === value}
                onChange={() => setLength(value)}
                className="sr-only"
              />
              <span className="font-medium tabular-nums">{value === "all" ? "All" : value}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <SelectField
        label="Kind of question"
        labelClassName={`${LEGEND} block`}
        name="quiz-mode"
        value={mode}
        onChange={(e) => setMode(e.target.value as QuizModeChoice)}
      >
        {QUIZ_MODE_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {MODE_LABELS[choice]}
          </option>
        ))}
      </SelectField>

      {error ? <Alert>{error}</Alert> : null}
      <Button
        type="submit"
        size="lg"
        className="w-full sm:w-auto"
        pending={pending}
        pendingText="Starting quiz…"
        data-testid="start-quiz"
      >
        Start quiz
      </Button>
    </Card>
  );
}
