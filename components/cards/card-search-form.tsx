import { Button } from "@/components/ui/button";
import { FIELD_CONTROL } from "@/components/ui/classes";

const HELP: [string, string][] = [
  ["reward tamp", "words, each the start of a word in the term, aliases, definition or examples"],
  ['"inner alignment"', "an exact phrase"],
  ['-word, -"a phrase"', "without it (a - before a filter too: -is:suspended)"],
  ["deck:learned-optimization", "cards of one deck (the slug in its address)"],
  ["tag:objectives", "concepts with a tag"],
  ["is:new, is:learning, is:review", "by state"],
  ["is:due", "due by the end of today's study day"],
  ["is:suspended, is:leech", "suspended; 8 lapses or more"],
  ["is:edited", "your own concepts and your wording of built-in ones"],
  ["prop:r<0.8", "chance of recall now below 80%"],
  ["prop:lapses>=3, prop:reps>10, prop:s>30", "lapses, reviews, stability in days (< <= > >= =)"],
  ["prop:due<=7, prop:due<0", "due within a week; overdue"],
  ["added:7", "added in the last 7 days"],
  ["rated:1, rated:7:1", "reviewed today; pressed Again in the last 7 days"],
];

/**
 * The card browser's search box: a GET form, so the search lives in the address. A search that
 * does not parse is named beside the box.
 */
export function CardSearchForm({ q, sort, dir, error }: { q: string; sort: string; dir: string; error?: string }) {
  return (
    <form method="get" action="/cards" role="search" className="mt-6">
      <label htmlFor="q" className="block text-sm font-medium text-stone-700 dark:text-stone-300">
        Search cards
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={600}
          placeholder="e.g. optimizer is:review prop:r<0.9"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "q-error" : "q-hint"}
          className={FIELD_CONTROL}
          spellCheck={false}
          autoCapitalize="off"
        />
        {sort !== "due" ? <input type="hidden" name="sort" value={sort} /> : null}
        {dir !== "asc" ? <input type="hidden" name="dir" value={dir} /> : null}
        <Button type="submit" variant="primary" className="shrink-0">
          Search
        </Button>
      </div>
      {error ? (
        <p id="q-error" role="alert" className="mt-1.5 text-sm text-red-600 dark:text-red-400" data-testid="search-error">
          This search cannot be read: {error}.
        </p>
      ) : (
        <p id="q-hint" className="mt-1.5 text-sm text-stone-500 dark:text-stone-400">
          Words, &quot;phrases&quot; and filters such as deck:, tag:, is:due, prop:r&lt;0.8 or rated:7:1.
        </p>
      )}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-stone-600 dark:text-stone-400">How to search</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-[auto_1fr]">
          {HELP.map(([example, meaning]) => (
            <div key={example} className="contents">
              <dt>
                <code className="rounded bg-stone-100 px-1 py-0.5 text-xs dark:bg-stone-800">{example}</code>
              </dt>
              <dd className="mb-1 text-stone-600 sm:mb-0 dark:text-stone-400">{meaning}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-stone-600 dark:text-stone-400">
          Every part must hold. Case and accents do not matter. Put a word with a colon in quotes to search for it as text.
        </p>
      </details>
    </form>
  );
}
