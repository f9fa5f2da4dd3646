"use client";

import { useActionState, useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { FormState } from "@/lib/types/actions";
import type { SchedulingSettingsDTO } from "@/lib/types/settings";
import {
  LEECH_THRESHOLD_MAX,
  LEECH_THRESHOLD_MIN,
  MAXIMUM_INTERVAL_MAX,
  RETENTION_MAX,
  RETENTION_MIN,
} from "@/lib/validation/scheduling-limits";

type FieldName =
  | "desiredRetention"
  | "learningSteps"
  | "relearningSteps"
  | "maximumIntervalDays"
  | "enableFuzz"
  | "newCardOrder"
  | "leechThreshold"
  | "leechAction";
type State = FormState<FieldName>;
type Values = Record<Exclude<FieldName, "enableFuzz">, string> & { enableFuzz: boolean };

const HINT = "text-sm text-stone-500 dark:text-stone-400";
const SECTION = "scroll-mt-6 space-y-5 px-5 py-5 target:ring-2 target:ring-accent-500/50";

function valuesOf(settings: SchedulingSettingsDTO): Values {
  return {
    desiredRetention: settings.desiredRetention.toFixed(2),
    learningSteps: settings.learningSteps,
    relearningSteps: settings.relearningSteps,
    maximumIntervalDays: String(settings.maximumIntervalDays),
    enableFuzz: settings.enableFuzz,
    newCardOrder: settings.newCardOrder,
    leechThreshold: String(settings.leechThreshold),
    leechAction: settings.leechAction,
  };
}

/**
 * The scheduling settings (/settings#scheduling). `workload` (the simulated cost of each retention)
 * is shown beside the retention field; `children` (reschedule, the optimizer) below the form.
 */
export function SchedulingSettingsForm({
  settings,
  action,
  workload,
  children,
}: {
  settings: SchedulingSettingsDTO;
  action: (state: State, data: FormData) => Promise<State>;
  workload?: ReactNode;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  const formRef = useRef<HTMLFormElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  const set = (name: Exclude<FieldName, "enableFuzz">) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: event.target.value }));
  const fieldError = (name: FieldName) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);

  useEffect(() => {
    if (!state) return;
    const invalid = state.ok ? null : formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]");
    if (invalid) invalid.focus();
    else statusRef.current?.scrollIntoView({ block: "nearest" });
  }, [state]);

  return (
    <Card as="section" id="scheduling" aria-labelledby="scheduling-heading" className={`mt-6 ${SECTION}`}>
      <h2 id="scheduling-heading" className="font-serif text-xl font-semibold">
        Scheduling
      </h2>
      <p className={HINT}>
        Changes apply from your next grade. Cards already scheduled keep their due dates until you reschedule them.
      </p>
      <form ref={formRef} action={formAction} noValidate className="space-y-5" data-testid="scheduling-form">
        <div className="grid gap-5 md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
          <Field
            label="Desired retention"
            name="desiredRetention"
            inputMode="decimal"
            value={values.desiredRetention}
            onChange={set("desiredRetention")}
            error={fieldError("desiredRetention")}
            hint={`${RETENTION_MIN.toFixed(2)} to ${RETENTION_MAX.toFixed(2)}: the chance of remembering a card when it comes due. Higher means more reviews.`}
          />
          {workload ? <div className="min-w-0">{workload}</div> : null}
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label="Learning steps"
            name="learningSteps"
            value={values.learningSteps}
            onChange={set("learningSteps")}
            error={fieldError("learningSteps")}
            hint="For new cards, e.g. 1m 10m (m minutes, h hours, d days). Empty: none."
            autoComplete="off"
          />
          <Field
            label="Relearning steps"
            name="relearningSteps"
            value={values.relearningSteps}
            onChange={set("relearningSteps")}
            error={fieldError("relearningSteps")}
            hint="After a forgotten review, e.g. 10m. Empty: none."
            autoComplete="off"
          />
          <Field
            label="Maximum interval (days)"
            name="maximumIntervalDays"
            inputMode="numeric"
            value={values.maximumIntervalDays}
            onChange={set("maximumIntervalDays")}
            error={fieldError("maximumIntervalDays")}
            hint={`1 to ${MAXIMUM_INTERVAL_MAX}.`}
          />
          <SelectField
            label="New card order"
            name="newCardOrder"
            value={values.newCardOrder}
            onChange={set("newCardOrder")}
            error={fieldError("newCardOrder")}
            hint="Random order stays the same all study day."
          >
            <option value="DECK">Deck order, prerequisites first</option>
            <option value="RANDOM">Random</option>
          </SelectField>
          <Field
            label="Leech threshold (lapses)"
            name="leechThreshold"
            inputMode="numeric"
            value={values.leechThreshold}
            onChange={set("leechThreshold")}
            error={fieldError("leechThreshold")}
            hint={`${LEECH_THRESHOLD_MIN} to ${LEECH_THRESHOLD_MAX}. A card forgotten this often is listed on home as a leech.`}
          />
          <SelectField
            label="When a card becomes a leech"
            name="leechAction"
            value={values.leechAction}
            onChange={set("leechAction")}
            error={fieldError("leechAction")}
          >
            <option value="TAG">Mark it only</option>
            <option value="SUSPEND">Mark it and suspend it</option>
          </SelectField>
        </div>
        <label htmlFor="enableFuzz" className="flex items-start gap-3">
          <input
            id="enableFuzz"
            type="checkbox"
            name="enableFuzz"
            checked={values.enableFuzz}
            onChange={(event) => setValues((v) => ({ ...v, enableFuzz: event.target.checked }))}
            className="mt-1 accent-accent-600"
          />
          <span className="text-sm font-medium">
            Fuzz
            <small className={`block font-normal ${HINT}`}>
              Spreads intervals by a few percent so cards learned together do not stay together.
            </small>
          </span>
        </label>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <Button type="submit" className="w-full shrink-0 sm:w-auto" disabled={pending} data-testid="save-scheduling">
            {pending ? "Saving…" : "Save scheduling"}
          </Button>
          <div ref={statusRef} aria-live="polite" data-testid="scheduling-status" className="min-w-0 scroll-mb-4">
            {state?.ok ? <Alert tone="info">Scheduling saved. It applies from your next grade.</Alert> : null}
            {state && !state.ok ? (
              <Alert>{state.fieldErrors ? "Nothing was saved: please check the fields marked above." : state.error}</Alert>
            ) : null}
          </div>
        </div>
      </form>
      {children}
    </Card>
  );
}
