"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { FormState } from "@/lib/types/actions";
import type { StudySettingsDTO } from "@/lib/types/settings";
import {
  DAILY_GOAL_REVIEWS_MAX,
  DAILY_GOAL_REVIEWS_MIN,
  DAY_START_HOUR_MAX,
  NEW_CARDS_PER_DAY_MAX,
  REVIEWS_PER_DAY_MAX,
} from "@/lib/validation/settings-limits";

type FieldName = "timeZone" | "dayStartHour" | "newCardsPerDay" | "reviewsPerDay" | "dailyGoalKind" | "dailyGoalReviews";
type State = FormState<FieldName>;
type Values = Record<FieldName, string>;

const HINT = "text-sm text-stone-500 dark:text-stone-400";
/*
 * Each section is a link target (/settings#daily-goal from "Change goal" on home): it stops short
 * of the top edge, and is ringed while it is the target so the eye lands on it.
 */
const SECTION = "scroll-mt-6 space-y-5 px-5 py-5 target:ring-2 target:ring-accent-500/50";
const ERROR = "text-sm text-red-600 dark:text-red-400";

function valuesOf(settings: StudySettingsDTO): Values {
  return {
    timeZone: settings.timeZone,
    dayStartHour: String(settings.dayStartHour),
    newCardsPerDay: String(settings.newCardsPerDay),
    reviewsPerDay: String(settings.reviewsPerDay),
    dailyGoalKind: settings.dailyGoalKind,
    dailyGoalReviews: String(settings.dailyGoalReviews),
  };
}

const noSubscription = () => () => {};
const deviceTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** The study settings. Controlled, so a refused save keeps what was typed beside each field's reason. */
export function StudySettingsForm({
  settings,
  timeZones,
  action,
}: {
  settings: StudySettingsDTO;
  timeZones: string[];
  action: (state: State, data: FormData) => Promise<State>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  // The device's zone is known only in the browser; the server renders without the offer.
  const browserZone = useSyncExternalStore(noSubscription, deviceTimeZone, () => "");

  const set = (name: FieldName) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: event.target.value }));
  const fieldError = (name: FieldName) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  const goalKindError = fieldError("dailyGoalKind");
  const formRef = useRef<HTMLFormElement>(null);

  const statusRef = useRef<HTMLDivElement>(null);

  // A refused save: focus goes to the first field marked, which the browser scrolls into view.
  // Otherwise the outcome, which appears under the button on a phone, is scrolled into view.
  useEffect(() => {
    if (!state) return;
    const invalid = state.ok ? null : formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]");
    if (invalid) invalid.focus();
    else statusRef.current?.scrollIntoView({ block: "nearest" });
  }, [state]);

  return (
    <form ref={formRef} action={formAction} noValidate className="mt-6 space-y-6" data-ready={browserZone ? true : undefined}>
      <Card as="section" id="study-day" aria-labelledby="study-day-heading" className={SECTION}>
        <h2 id="study-day-heading" className="font-serif text-xl font-semibold">
          Study day
        </h2>
        <SelectField
          label="Time zone"
          name="timeZone"
          value={values.timeZone}
          onChange={set("timeZone")}
          error={fieldError("timeZone")}
          hint="Decides when your study day starts and ends."
          after={
            browserZone && browserZone !== values.timeZone && timeZones.includes(browserZone) ? (
              <button
                type="button"
                onClick={() => setValues((v) => ({ ...v, timeZone: browserZone }))}
                className="text-sm font-medium text-accent-600 underline-offset-4 hover:underline dark:text-accent-400"
                data-testid="use-browser-zone"
              >
                Use this device&rsquo;s time zone ({browserZone.replaceAll("_", " ")})
              </button>
            ) : null
          }
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="New day starts at"
          name="dayStartHour"
          value={values.dayStartHour}
          onChange={set("dayStartHour")}
          error={fieldError("dayStartHour")}
          hint="Reviews before this hour count for the day before, so a late night keeps its day."
        >
          {Array.from({ length: DAY_START_HOUR_MAX + 1 }, (_, hour) => (
            <option key={hour} value={String(hour)}>
              {hourLabel(hour)}
            </option>
          ))}
        </SelectField>
      </Card>

      <Card as="section" id="daily-limits" aria-labelledby="daily-limits-heading" className={SECTION}>
        <h2 id="daily-limits-heading" className="font-serif text-xl font-semibold">
          Daily limits
        </h2>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label="New cards per day"
            name="newCardsPerDay"
            inputMode="numeric"
            value={values.newCardsPerDay}
            onChange={set("newCardsPerDay")}
            error={fieldError("newCardsPerDay")}
            hint={`0 to ${NEW_CARDS_PER_DAY_MAX}.`}
          />
          <Field
            label="Maximum reviews per day"
            name="reviewsPerDay"
            inputMode="numeric"
            value={values.reviewsPerDay}
            onChange={set("reviewsPerDay")}
            error={fieldError("reviewsPerDay")}
            hint={`0 to ${REVIEWS_PER_DAY_MAX}.`}
          />
        </div>
      </Card>

      <Card as="section" id="daily-goal" aria-labelledby="daily-goal-heading" className={SECTION}>
        <h2 id="daily-goal-heading" className="font-serif text-xl font-semibold">
          Daily goal
        </h2>
        <p id="goal-hint" className={HINT}>
          A study day that meets the goal adds to your streak. Days with nothing due never break it.
        </p>
        <div role="radiogroup" aria-labelledby="daily-goal-heading" aria-describedby="goal-hint" className="space-y-3">
          <label htmlFor="goal-reviews" className="flex items-start gap-3">
            <input
              id="goal-reviews"
              type="radio"
              name="dailyGoalKind"
              value="REVIEWS"
              checked={values.dailyGoalKind === "REVIEWS"}
              onChange={set("dailyGoalKind")}
              className="mt-1 accent-accent-600"
            />
            <span className="text-sm font-medium">Review a number of cards</span>
          </label>
          {values.dailyGoalKind === "REVIEWS" ? (
            <div className="ml-7 max-w-48">
              <Field
                label="Reviews a day"
                name="dailyGoalReviews"
                inputMode="numeric"
                value={values.dailyGoalReviews}
                onChange={set("dailyGoalReviews")}
                error={fieldError("dailyGoalReviews")}
                hint={`${DAILY_GOAL_REVIEWS_MIN} to ${DAILY_GOAL_REVIEWS_MAX}.`}
              />
            </div>
          ) : (
            <input type="hidden" name="dailyGoalReviews" value={values.dailyGoalReviews} />
          )}
          <label htmlFor="goal-clear-due" className="flex items-start gap-3">
            <input
              id="goal-clear-due"
              type="radio"
              name="dailyGoalKind"
              value="CLEAR_DUE"
              checked={values.dailyGoalKind === "CLEAR_DUE"}
              onChange={set("dailyGoalKind")}
              className="mt-1 accent-accent-600"
            />
            <span className="text-sm font-medium">
              Clear the due queue
              <small className="block text-sm font-normal text-stone-500 dark:text-stone-400">
                Every card due that day reviewed before the day ends.
              </small>
            </span>
          </label>
          {goalKindError ? <p className={ERROR}>{goalKindError}</p> : null}
          {values.dailyGoalKind === "CLEAR_DUE" && fieldError("dailyGoalReviews") ? (
            <p className={ERROR}>{fieldError("dailyGoalReviews")}</p>
          ) : null}
        </div>
      </Card>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <Button type="submit" size="lg" className="w-full shrink-0 sm:w-auto" disabled={pending} data-testid="save-settings">
          {pending ? "Saving…" : "Save settings"}
        </Button>
        {/* Beside the button just pressed, so the outcome is where the eye is on a form taller than a phone. */}
        <div ref={statusRef} aria-live="polite" data-testid="settings-status" className="min-w-0 scroll-mb-4">
          {state?.ok ? <Alert tone="info">Settings saved.</Alert> : null}
          {state && !state.ok ? (
            <Alert>{state.fieldErrors ? "Nothing was saved: please check the fields marked above." : state.error}</Alert>
          ) : null}
        </div>
      </div>
    </form>
  );
}
