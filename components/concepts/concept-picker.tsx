"use client";

import { useId, useState } from "react";
import type { ConceptOptionDTO } from "@/lib/types/authoring";
import { FIELD_CONTROL } from "@/components/ui/classes";

const SHOWN = 8;

function matches(option: ConceptOptionDTO, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q !== "" && (option.term.toLowerCase().includes(q) || option.deckTitle.toLowerCase().includes(q));
}

/**
 * Picks concepts from a long list (every concept the user can see) by typing part of a term: the
 * matches appear as checkboxes, the chosen ones as removable chips. Fits a phone: one column.
 */
export function ConceptPicker({
  label,
  name,
  hint,
  options,
  chosen,
  onChange,
  error,
  max,
}: {
  label: string;
  name: string;
  hint: string;
  options: ConceptOptionDTO[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  max: number;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const byId = new Map(options.map((option) => [option.id, option]));
  const found = query.trim() === "" ? [] : options.filter((option) => matches(option, query));
  const toggle = (optionId: string, on: boolean) =>
    onChange(on ? [...chosen, optionId].slice(0, max) : chosen.filter((other) => other !== optionId));
  const errorId = `${id}-error`;
  return (
    <fieldset className="min-w-0 space-y-2" aria-describedby={error ? errorId : undefined} data-testid={`picker-${name}`}>
      <legend className="text-sm font-medium text-stone-700 dark:text-stone-300">{label}</legend>
      <p className="text-sm text-stone-500 dark:text-stone-400">{hint}</p>
      {chosen.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label={`Chosen ${label.toLowerCase()}`}>
          {chosen.map((chosenId) => (
            <li
              key={chosenId}
              className="flex max-w-full items-center gap-1 rounded-full bg-accent-50 py-0.5 pr-1 pl-3 text-sm text-accent-700 dark:bg-accent-700/20 dark:text-accent-300"
            >
              <span className="truncate">{byId.get(chosenId)?.term ?? "A concept you can no longer see"}</span>
              <button
                type="button"
                onClick={() => toggle(chosenId, false)}
                className="rounded-full px-1.5 hover:bg-accent-100 dark:hover:bg-accent-700/40"
                aria-label={`Remove ${byId.get(chosenId)?.term ?? "this concept"}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <label htmlFor={`${id}-search`} className="sr-only">
        Find a concept for {label.toLowerCase()}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Type part of a term"
        className={FIELD_CONTROL}
        data-testid={`picker-${name}-search`}
      />
      {found.length > 0 ? (
        <ul className="space-y-1">
          {found.slice(0, SHOWN).map((option) => (
            <li key={option.id}>
              <label htmlFor={`${id}-${option.id}`} className="flex items-start gap-3 rounded-md px-1 py-1 text-sm">
                <input
                  id={`${id}-${option.id}`}
                  type="checkbox"
                  className="mt-1 accent-accent-600"
                  checked={chosen.includes(option.id)}
                  disabled={!chosen.includes(option.id) && chosen.length >= max}
                  onChange={(e) => toggle(option.id, e.target.checked)}
                />
                <span className="min-w-0">
                  <span className="font-medium">{option.term}</span>{" "}
                  <span className="text-stone-500 dark:text-stone-400">· {option.deckTitle}</span>
                </span>
              </label>
            </li>
          ))}
          {found.length > SHOWN ? (
            <li className="px-1 text-sm text-stone-500 dark:text-stone-400">
              {found.length - SHOWN} more match: type more of the term.
            </li>
          ) : null}
        </ul>
      ) : query.trim() !== "" ? (
        <p className="text-sm text-stone-500 dark:text-stone-400">No concept you can see matches “{query.trim()}”.</p>
      ) : null}
      {error ? (
        <p id={errorId} data-testid={`${name}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
