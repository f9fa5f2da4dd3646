import type { ReactNode, SelectHTMLAttributes } from "react";
import { FIELD_CONTROL } from "./classes";

/**
 * A labelled select with its validation message (or hint) tied to it for screen readers: the
 * select counterpart of Field. `labelHidden` keeps the label for screen readers only, for a select
 * that sits under a visible choice already naming it; `after` goes below the message.
 */
export function SelectField({
  label,
  name,
  error,
  hint,
  labelHidden = false,
  labelClassName = "block text-sm font-medium text-stone-700 dark:text-stone-300",
  after,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  /** The select's form name, and its id. */
  name: string;
  error?: string;
  hint?: string;
  labelHidden?: boolean;
  labelClassName?: string;
  after?: ReactNode;
}) {
  const describedBy = error ? `${name}-error` : hint ? `${name}-hint` : undefined;
  return (
    <div className="min-w-0 space-y-1.5">
      <label htmlFor={name} className={labelHidden ? "sr-only" : labelClassName}>
        {label}
      </label>
      <select
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={FIELD_CONTROL}
        {...select}
      >
        {children}
      </select>
      {error ? (
        <p id={`${name}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${name}-hint`} className="text-sm text-stone-500 dark:text-stone-400">
          {hint}
        </p>
      ) : null}
      {after}
    </div>
  );
}
