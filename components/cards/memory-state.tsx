import { formatDueTime, plural, WORDS } from "@/lib/format";
import type { CardHistoryDTO } from "@/lib/types/cards";

const STATE_LABELS = ["New", "Learning", "Review", "Relearning"];

function days(value: number): string {
  if (value < 1) return plural(Math.round(value * 24), { one: "hour", other: "hours" });
  return plural(value < 10 ? Math.round(value * 10) / 10 : Math.round(value), WORDS.day);
}

/**
 * When the card is next in the queue, as home says it ("tomorrow at 04:00"): a review card from
 * the start of its study day, whatever hour it was scheduled for.
 */
function dueText(card: CardHistoryDTO, now: Date): string {
  return card.availableAt <= now ? "now, in today's reviews" : formatDueTime(card.availableAt, now, card.timeZone);
}

/** The card's FSRS memory state and schedule, as a list of figures. */
export function MemoryState({ card, now }: { card: CardHistoryDTO; now: Date }) {
  // A reset card is new again (no memory state) though its reviews still count.
  const studied = card.reps > 0 && card.state !== 0;
  const rows: [string, string][] = [
    ["State", card.suspended ? `${STATE_LABELS[card.state]} (suspended)` : (STATE_LABELS[card.state] ?? "Unknown")],
    ["Due", studied ? dueText(card, now) : "when introduced"],
    ["Retrievability", card.retrievability === null ? "–" : `${(card.retrievability * 100).toFixed(1)}%`],
    ["Stability", studied ? days(card.stability) : "–"],
    ["Difficulty", studied ? `${Math.round(((card.difficulty - 1) / 9) * 100)}%` : "–"],
    ["Reviews", String(card.reps)],
    ["Lapses", String(card.lapses)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">{label}</dt>
          <dd className="mt-0.5 font-medium tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
