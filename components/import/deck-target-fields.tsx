import type { ReactNode } from "react";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { DECK_TITLE_MAX } from "@/lib/validation/authoring-limits";

/** The deck choice's value for "a new deck" (a deck id otherwise). */
export const NEW_DECK = "new";

/**
 * Where an import goes: one of the learner's decks, or a new deck with its title. `matchNote`
 * says, when a deck of theirs is chosen, how its concepts meet the imported ones.
 */
export function DeckTargetFields({
  namePrefix,
  decks,
  target,
  onTarget,
  newDeckTitle,
  onNewDeckTitle,
  titleError,
  disabled,
  matchNote,
}: {
  namePrefix: string;
  decks: readonly { id: string; title: string }[];
  target: string;
  onTarget: (target: string) => void;
  newDeckTitle: string;
  onNewDeckTitle: (title: string) => void;
  titleError?: string;
  disabled?: boolean;
  matchNote: ReactNode;
}) {
  return (
    <>
      <SelectField
        label="Deck"
        name={`${namePrefix}-deck`}
        value={target}
        disabled={disabled}
        onChange={(event) => onTarget(event.target.value)}
      >
        <option value={NEW_DECK}>A new deck</option>
        {decks.map((deck) => (
          <option key={deck.id} value={deck.id}>
            {deck.title}
          </option>
        ))}
      </SelectField>
      {target === NEW_DECK ? (
        <Field
          label="New deck title"
          name={`${namePrefix}-deck-title`}
          value={newDeckTitle}
          maxLength={DECK_TITLE_MAX}
          disabled={disabled}
          onChange={(event) => onNewDeckTitle(event.target.value)}
          error={titleError}
          autoComplete="off"
        />
      ) : (
        <p className="text-sm text-stone-600 dark:text-stone-400">{matchNote}</p>
      )}
    </>
  );
}
