import { buttonClass } from "@/components/ui/classes";
import { formatDueTime, plural } from "@/lib/format";
import type { HeldBackDTO } from "@/lib/types/study";
import { MoreNewCardsButton, type ExtraNewCardsAction } from "./more-new-cards-button";

/** "A and B", "A, B and C". */
function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** What the limit is and what it did today: "20 new cards a day (and 10 extra today): today's are done." */
export function limitSentence(heldBack: HeldBackDTO): string {
  const extra = heldBack.extraToday > 0 ? ` and ${heldBack.extraToday} extra today` : "";
  if (heldBack.newPerDay === 0 && heldBack.extraToday === 0) return "New cards are off (your limit is 0 a day).";
  return `${plural(heldBack.newPerDay, { one: "new card", other: "new cards" })} a day${extra}: today’s are done.`;
}

/** Where the waiting cards are: "146 more wait in AI-safety core glossary." */
export function waitingSentence(heldBack: HeldBackDTO, oneDeck: boolean): string {
  const more = heldBack.newPerDay === 0 && heldBack.extraToday === 0 ? "" : " more";
  const decks = heldBack.decks.map((deck) => (heldBack.decks.length > 1 ? `${deck.title} (${deck.waiting})` : deck.title));
  const where = oneDeck ? "this deck" : listOf(decks);
  return `${heldBack.waiting}${more} ${heldBack.waiting === 1 ? "waits" : "wait"} in ${where}.`;
}

/**
 * The new-card limit explaining itself, with the two ways on: more new cards today only, or the
 * setting. Rendered on home and on the review screen (a client tree), so it links with a plain
 * anchor rather than next/link, which the review page keeps out of its first load.
 */
export function HeldBackNotice({
  heldBack,
  now,
  timeZone,
  oneDeck = false,
  action,
}: {
  heldBack: HeldBackDTO;
  now: Date;
  timeZone: string;
  /** On the one-deck review screen: the deck is named there already. */
  oneDeck?: boolean;
  action: ExtraNewCardsAction;
}) {
  return (
    <div data-testid="held-back" className="mx-auto mt-5 max-w-xl text-stone-700 dark:text-stone-300">
      <p>
        {limitSentence(heldBack)} {waitingSentence(heldBack, oneDeck)}
      </p>
      <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">
        New cards come again {formatDueTime(heldBack.nextNewAt, now, timeZone)}.
      </p>
      <div className="mt-5 flex flex-col items-stretch gap-3 sm:flex-row sm:justify-center">
        <MoreNewCardsButton cards={heldBack.batch} action={action} />
        <a href="/settings#daily-limits" className={buttonClass("secondary", "md")} data-testid="new-limit-setting">
          Change the daily limit
        </a>
      </div>
    </div>
  );
}
