"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
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

const LABEL = "block text-sm font-medium text-stone-700 dark:text-stone-300";
const HINT = "text-sm text-stone-500 dark:text-stone-400";
const ERROR = "text-sm text-red-600 dark:text-red-400";
const SELECT =
  "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 shadow-sm focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30 aria-invalid:border-red-500 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100";

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
  const zoneError = fieldError("timeZone");
  const hourError = fieldError("dayStartHour");
  const goalKindError = fieldError("dailyGoalKind");

  return (
    <form action={formAction} noValidate className="mt-6 space-y-6" data-ready={browserZone ? true : undefined}>
      {state?.ok ? <Alert tone="info">Settings saved.</Alert> : null}
      {state && !state.ok ? (
        <Alert>{state.fieldErrors ? "Nothing was saved: please check the fields marked below." : state.error}</Alert>
      ) : null}

      <Card as="section" aria-labelledby="study-day" className="space-y-5 px-5 py-5">
        <h2 id="study-day" className="font-serif text-xl font-semibold">
          Study day
        </h2>
        <div className="space-y-1.5">
          <label htmlFor="timeZone" className={LABEL}>
            Time zone
          </label>
          <select
            id="timeZone"
            name="timeZone"
            value={values.timeZone}
            onChange={set("timeZone")}
            aria-invalid={zoneError ? true : undefined}
            aria-describedby={zoneError ? "timeZone-error" : "timeZone-hint"}
            className={SELECT}
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          {zoneError ? (
            <p id="timeZone-error" className={ERROR}>
              {zoneError}
            </p>
          ) : (
            <p id="timeZone-hint" className={HINT}>
              Decides when your study day starts and ends.
            </p>
          )}
          {browserZone && browserZone !== values.timeZone && timeZones.includes(browserZone) ? (
            <button
              type="button"
              onClick={() => setValues((v) => ({ ...v, timeZone: browserZone }))}
              className="text-sm font-medium text-accent-600 underline-offset-4 hover:underline dark:text-accent-400"
              data-testid="use-browser-zone"
            >
              Use this device&rsquo;s time zone ({browserZone.replaceAll("_", " ")})
            </button>
          ) : null}
        </div>
        <div className="space-y-1.5">
          <label htmlFor="dayStartHour" className={LABEL}>
            New day starts at
          </label>
          <select
            id="dayStartHour"
            name="dayStartHour"
            value={values.dayStartHour}
            onChange={set("dayStartHour")}
            aria-invalid={hourError ? true : undefined}
            aria-describedby={hourError ? "dayStartHour-error" : "dayStartHour-hint"}
            className={SELECT}
          >
            {Array.from({ length: DAY_START_HOUR_MAX + 1 }, (_, hour) => (
              <option key={hour} value={String(hour)}>
                {hourLabel(hour)}
              </option>
            ))}
          </select>
          {hourError ? (
            <p id="dayStartHour-error" className={ERROR}>
              {hourError}
            </p>
          ) : (
            <p id="dayStartHour-hint" className={HINT}>
              Reviews before this hour count for the day before, so a late night keeps its day.
            </p>
          )}
        </div>
      </Card>

      <Card as="section" aria-labelledby="daily-limits" className="space-y-5 px-5 py-5">
        <h2 id="daily-limits" className="font-serif text-xl font-semibold">
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

      <Card as="section" aria-labelledby="daily-goal" className="space-y-4 px-5 py-5">
        <h2 id="daily-goal" className="font-serif text-xl font-semibold">
          Daily goal
        </h2>
        <p id="goal-hint" className={HINT}>
          A study day that meets the goal adds to your streak. Days with nothing due never break it.
        </p>
        <div role="radiogroup" aria-labelledby="daily-goal" aria-describedby="goal-hint" className="space-y-3">
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

      <Button type="submit" size="lg" className="w-full sm:w-auto" disabled={pending} data-testid="save-settings">
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
