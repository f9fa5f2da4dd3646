import type { TextareaHTMLAttributes } from "react";
import { FIELD_CONTROL } from "./classes";

/**
 * A labelled textarea with its error, warnings and hint tied to it for screen readers (Field's
 * counterpart for longer text).
 */
export function TextareaField({
  label,
  name,
  error,
  warnings = [],
  hint,
  ...textarea
}: TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  name: string;
  error?: string;
  warnings?: string[];
  hint?: string;
}) {
  const ids = [
    error ? `${name}-error` : null,
    warnings.length > 0 ? `${name}-warning` : null,
    hint ? `${name}-hint` : null,
  ].filter(Boolean);
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-stone-700 dark:text-stone-300">
        {label}
      </label>
      <textarea
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.length > 0 ? ids.join(" ") : undefined}
        className={FIELD_CONTROL}
        {...textarea}
      />
      {error ? (
        <p id={`${name}-error`} data-testid={`${name}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {warnings.length > 0 ? (
        <p id={`${name}-warning`} data-testid={`${name}-warning`} className="text-sm text-amber-800 dark:text-amber-300">
          {warnings.join(" ")}
        </p>
      ) : null}
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-stone-500 dark:text-stone-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
