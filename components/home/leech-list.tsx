import Link from "next/link";
import { Card } from "@/components/ui/card";
import { plural } from "@/lib/format";
import type { LeechListDTO } from "@/lib/types/leeches";

const KIND_LABEL: Record<string, string> = {
  TERM_TO_DEFINITION: "term → definition",
  DEFINITION_TO_TERM: "definition → term",
};

/** Home's list of leeches, each linking to its card page (where it can be reworded or reset). */
export function LeechList({ list }: { list: LeechListDTO }) {
  if (list.total === 0) return null;
  return (
    <Card as="section" aria-labelledby="leeches-heading" className="mt-6 px-5 py-5" data-testid="leeches">
      <h2 id="leeches-heading" className="font-serif text-xl font-semibold">
        Leeches
      </h2>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        {plural(list.total, { one: "card has", other: "cards have" })} been forgotten {list.threshold} times or more. Rewording a
        card or resetting it usually works better than reviewing it again.
      </p>
      <ul className="mt-3 divide-y divide-stone-200 dark:divide-stone-800">
        {list.leeches.map((leech) => (
          <li key={leech.cardId} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
            <Link
              href={`/cards/${leech.cardId}`}
              className="min-w-0 font-medium break-words text-accent-700 underline-offset-4 hover:underline dark:text-accent-400"
            >
              {leech.term}
              <span className="sr-only"> ({KIND_LABEL[leech.kind] ?? leech.kind})</span>
            </Link>
            <span className="text-sm text-stone-500 dark:text-stone-400">
              {KIND_LABEL[leech.kind] ?? leech.kind} · {plural(leech.lapses, { one: "lapse", other: "lapses" })}
              {leech.suspended ? " · suspended" : ""}
            </span>
          </li>
        ))}
      </ul>
      {list.total > list.leeches.length ? (
        <p className="mt-2 text-sm text-stone-500 dark:text-stone-400">and {list.total - list.leeches.length} more.</p>
      ) : null}
    </Card>
  );
}
