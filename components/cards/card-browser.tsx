"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useSyncExternalStore, useTransition, type MouseEvent } from "react";
import { Button } from "@/components/ui/button";
import { FIELD_CONTROL } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { formatDueDays, formatInterval, plural, WORDS } from "@/lib/format";
import { cardHref } from "@/lib/search/list-url";
import type { ActionResult } from "@/lib/types/actions";
import type { BulkResultDTO, CardListRowDTO, CardSort, DeletionPreviewDTO, SortDirection } from "@/lib/types/card-browser";
import { MAX_SELECTED_CARDS, MAX_TAG_LENGTH } from "@/lib/validation/card-browser-limits";

export interface SortHeader {
  label: string;
  href: string;
  /** The direction the list is sorted by this column now; null when it is sorted by another. */
  current: SortDirection | null;
}

type Target = { ids: string[] } | { query: string };

export interface CardBrowserActions {
  suspend: (input: { target: Target; suspended: boolean }) => Promise<ActionResult<BulkResultDTO>>;
  reset: (input: { target: Target }) => Promise<ActionResult<BulkResultDTO>>;
  tag: (input: { target: Target; tag: string; remove: boolean }) => Promise<ActionResult<BulkResultDTO>>;
  move: (input: { target: Target; deckId: string }) => Promise<ActionResult<BulkResultDTO>>;
  previewDeletion: (input: { target: Target }) => Promise<ActionResult<DeletionPreviewDTO>>;
  remove: (input: { target: Target }) => Promise<ActionResult<DeletionPreviewDTO>>;
}

const STATE_LABELS = ["New", "Learning", "Review", "Relearning"];
const DAY_MS = 86_400_000;
const concepts = { one: "concept", other: "concepts" };

const subscribeToNothing = () => () => undefined;

type Confirming = { kind: "reset" } | { kind: "delete"; preview: DeletionPreviewDTO } | null;

/**
 * The card list with its selection and the actions on it. Checkboxes pick cards (shift-click picks
 * the range from the last one clicked), and "select all N matching" hands the search itself to the
 * server, which finds the cards again: no list of ids is sent for it.
 */
export function CardBrowser({
  rows,
  total,
  query,
  listHref,
  sortHeaders,
  ownDecks,
  actions,
}: {
  rows: CardListRowDTO[];
  total: number;
  query: string;
  listHref: string;
  sortHeaders: Record<CardSort, SortHeader>;
  ownDecks: { id: string; title: string }[];
  actions: CardBrowserActions;
}) {
  const router = useRouter();
  const ids = useId();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [tag, setTag] = useState("");
  const [deckId, setDeckId] = useState(ownDecks[0]?.id ?? "");
  const lastClicked = useRef<number | null>(null);
  const confirmPanel = useRef<HTMLDivElement>(null);
  // False in the server's render and hydration: the selection works once React runs in the browser.
  const ready = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );

  // The confirmation takes the focus, so a keyboard user lands on its button.
  useEffect(() => {
    if (confirming) confirmPanel.current?.querySelector("button")?.focus();
  }, [confirming]);

  const count = allMatching ? total : selected.size;
  const target: Target = allMatching ? { query } : { ids: [...selected] };
  const pageAllSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const chosen = plural(count, WORDS.card);

  function toggle(index: number, event: MouseEvent<HTMLInputElement>) {
    const checked = event.currentTarget.checked;
    const next = new Set(selected);
    const from = event.shiftKey && lastClicked.current !== null ? Math.min(lastClicked.current, index) : index;
    const to = event.shiftKey && lastClicked.current !== null ? Math.max(lastClicked.current, index) : index;
    for (let i = from; i <= to; i += 1) {
      if (checked) next.add(rows[i].id);
      else next.delete(rows[i].id);
    }
    lastClicked.current = index;
    setAllMatching(false);
    setSelected(next);
    setMessage(null);
  }

  function togglePage() {
    setAllMatching(false);
    setSelected(pageAllSelected ? new Set() : new Set(rows.map((row) => row.id)));
    setMessage(null);
  }

  function run<T>(call: () => Promise<ActionResult<T>>, done: (data: T) => string) {
    setMessage(null);
    startTransition(async () => {
      const result = await call();
      if (!result.ok) {
        setMessage({ tone: "error", text: result.fieldErrors?.tag?.[0] ?? result.error });
        return;
      }
      setConfirming(null);
      setSelected(new Set());
      setAllMatching(false);
      setMessage({ tone: "ok", text: done(result.data) });
      router.refresh();
    });
  }

  function askDeletion() {
    setMessage(null);
    startTransition(async () => {
      const result = await actions.previewDeletion({ target });
      if (!result.ok) setMessage({ tone: "error", text: result.error });
      else if (result.data.builtInCards > 0) {
        setMessage({
          tone: "error",
          text: `${plural(result.data.builtInCards, WORDS.card)} of the selection ${result.data.builtInCards === 1 ? "is" : "are"} from built-in decks, which cannot be deleted: select only cards of your own decks (is:edited finds them).`,
        });
      } else setConfirming({ kind: "delete", preview: result.data });
    });
  }

  const header = (sort: CardSort, className?: string) => {
    const { label, href, current } = sortHeaders[sort];
    return (
      <th
        scope="col"
        className={cn("px-2 py-2 font-medium", className)}
        aria-sort={current === "asc" ? "ascending" : current === "desc" ? "descending" : undefined}
      >
        <Link href={href} className="rounded hover:text-stone-900 hover:underline dark:hover:text-stone-100">
          {label}
          {current ? <span aria-hidden="true">{current === "asc" ? " ↑" : " ↓"}</span> : null}
        </Link>
      </th>
    );
  };

  const status = message ? (
    <p
      role={message.tone === "error" ? "alert" : "status"}
      className={cn(
        "text-sm",
        message.tone === "error" ? "text-red-700 dark:text-red-300" : "text-green-800 dark:text-green-300",
      )}
      data-testid="bulk-message"
    >
      {message.text}
    </p>
  ) : null;

  // The search matches nothing (any more): only what the last action did is left to say.
  if (rows.length === 0) {
    return (
      <div className="mt-3" data-ready={ready || undefined}>
        {status}
      </div>
    );
  }

  return (
    <div className="mt-3" data-ready={ready || undefined}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-stone-600 dark:text-stone-400">
        <span>Sort by</span>
        {(Object.keys(sortHeaders) as CardSort[]).map((sort) => {
          const { label, href, current } = sortHeaders[sort];
          return (
            <Link
              key={sort}
              href={href}
              className={cn("hover:underline", current && "font-medium text-stone-900 dark:text-stone-100")}
              aria-current={current ? "true" : undefined}
            >
              {label}
              {current ? <span aria-hidden="true">{current === "asc" ? " ↑" : " ↓"}</span> : null}
              {current ? <span className="sr-only">{current === "asc" ? " (ascending)" : " (descending)"}</span> : null}
            </Link>
          );
        })}
      </div>

      <section
        aria-label="Selected cards"
        className="sticky top-0 z-10 -mx-2 mt-3 space-y-2 bg-stone-50/95 px-2 py-2 dark:bg-stone-950/95"
        data-testid="bulk-bar"
      >
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium" data-testid="selected-count">
            {count === 0 ? "No cards selected" : `${chosen} selected${allMatching ? " (every match)" : ""}`}
          </span>
          {!allMatching && total > rows.length && (selected.size > 0 || pageAllSelected) ? (
            <Button
              type="button"
              variant="ghost"
              className="px-2 py-1"
              onClick={() => setAllMatching(true)}
              data-testid="select-all-matching"
            >
              Select all {plural(total, WORDS.card)} matching
            </Button>
          ) : null}
          {count > 0 ? (
            <Button
              type="button"
              variant="ghost"
              className="px-2 py-1"
              onClick={() => {
                setSelected(new Set());
                setAllMatching(false);
              }}
            >
              Clear
            </Button>
          ) : null}
        </div>
        {count > 0 ? (
          <div className="flex flex-wrap items-end gap-2">
            <Button
              type="button"
              variant="secondary"
              disabled={pending}
              onClick={() =>
                run(
                  () => actions.suspend({ target, suspended: true }),
                  (d) => `Suspended ${plural(d.changed, WORDS.card)}.`,
                )
              }
            >
              Suspend
            </Button>
            <Button
              type="button"
              variant="secondary"
              disabled={pending}
              onClick={() =>
                run(
                  () => actions.suspend({ target, suspended: false }),
                  (d) => `Unsuspended ${plural(d.changed, WORDS.card)}.`,
                )
              }
            >
              Unsuspend
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setConfirming({ kind: "reset" })}>
              Reset…
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={askDeletion}>
              Delete…
            </Button>
            <div className="flex items-end gap-1">
              <div>
                <label htmlFor={`${ids}-tag`} className="block text-xs text-stone-600 dark:text-stone-400">
                  Tag
                </label>
                <input
                  id={`${ids}-tag`}
                  value={tag}
                  onChange={(event) => setTag(event.target.value)}
                  maxLength={MAX_TAG_LENGTH}
                  className={cn(FIELD_CONTROL, "w-32 py-1.5")}
                  autoCapitalize="off"
                />
              </div>
              <Button
                type="button"
                variant="secondary"
                disabled={pending || tag.trim() === ""}
                onClick={() =>
                  run(
                    () => actions.tag({ target, tag, remove: false }),
                    (d) => `Tagged ${plural(d.changed, concepts)} "${tag.trim()}".`,
                  )
                }
              >
                Add
              </Button>
              <Button
                type="button"
                variant="secondary"
                disabled={pending || tag.trim() === ""}
                onClick={() =>
                  run(
                    () => actions.tag({ target, tag, remove: true }),
                    (d) => `Removed "${tag.trim()}" from ${plural(d.changed, concepts)}.`,
                  )
                }
              >
                Remove
              </Button>
            </div>
            {ownDecks.length > 0 ? (
              <div className="flex items-end gap-1">
                <div>
                  <label htmlFor={`${ids}-deck`} className="block text-xs text-stone-600 dark:text-stone-400">
                    Move to
                  </label>
                  <select
                    id={`${ids}-deck`}
                    value={deckId}
                    onChange={(event) => setDeckId(event.target.value)}
                    className={cn(FIELD_CONTROL, "w-40 py-1.5")}
                  >
                    {ownDecks.map((deck) => (
                      <option key={deck.id} value={deck.id}>
                        {deck.title}
                      </option>
                    ))}
                  </select>
                </div>
                <Button
                  type="button"
                  variant="secondary"
                  disabled={pending}
                  onClick={() =>
                    run(
                      () => actions.move({ target, deckId }),
                      (d) => `Moved ${plural(d.changed, concepts)}.`,
                    )
                  }
                >
                  Move
                </Button>
              </div>
            ) : null}
          </div>
        ) : null}
        {!allMatching && selected.size > MAX_SELECTED_CARDS ? (
          <p className="text-sm text-red-700 dark:text-red-300">
            Select at most {MAX_SELECTED_CARDS} cards, or use &quot;select all matching&quot;.
          </p>
        ) : null}
        {confirming ? (
          <div
            ref={confirmPanel}
            role="alertdialog"
            aria-labelledby={`${ids}-confirm`}
            className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm dark:border-amber-800 dark:bg-amber-950/50"
            data-testid="confirm-panel"
          >
            <p id={`${ids}-confirm`} className="text-amber-900 dark:text-amber-100">
              {confirming.kind === "reset"
                ? `Reset ${chosen}? They become new cards, due now; their history is kept, with a "Reset" entry.`
                : `Delete ${plural(confirming.preview.concepts, concepts)}? ${plural(confirming.preview.cards, WORDS.card)} and ${plural(confirming.preview.reviews, WORDS.review)} go with them. This cannot be undone.`}
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button
                type="button"
                pending={pending}
                onClick={() =>
                  confirming.kind === "reset"
                    ? run(
                        () => actions.reset({ target }),
                        (d) => `Reset ${plural(d.changed, WORDS.card)}.`,
                      )
                    : run(
                        () => actions.remove({ target }),
                        (d) =>
                          `Deleted ${plural(d.concepts, concepts)}, ${plural(d.cards, WORDS.card)} and ${plural(d.reviews, WORDS.review)}.`,
                      )
                }
                data-testid="confirm-action"
              >
                {confirming.kind === "reset" ? `Reset ${chosen}` : `Delete ${plural(confirming.preview.concepts, concepts)}`}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
            </div>
          </div>
        ) : null}
        {status}
      </section>

      <table className="mt-2 w-full table-fixed text-sm md:table-auto" data-testid="card-table">
        <caption className="sr-only">Your cards{query === "" ? "" : ` matching ${query}`}</caption>
        <thead>
          <tr className="border-b border-stone-200 text-left text-xs text-stone-500 dark:border-stone-800 dark:text-stone-400">
            <th scope="col" className="w-8 py-2 pr-1 pl-1">
              <input
                type="checkbox"
                checked={pageAllSelected}
                onChange={togglePage}
                aria-label="Select every card on this page"
                className="size-4"
              />
            </th>
            {header("term")}
            <th scope="col" className="hidden px-2 py-2 font-medium md:table-cell">
              Deck
            </th>
            <th scope="col" className="hidden px-2 py-2 font-medium lg:table-cell">
              Kind
            </th>
            <th scope="col" className="hidden px-2 py-2 font-medium md:table-cell">
              State
            </th>
            {header("due", "w-24 md:w-auto")}
            <th scope="col" className="hidden px-2 py-2 text-right font-medium md:table-cell">
              Stability
            </th>
            {header("r", "w-16 text-right md:w-auto")}
            {header("lapses", "hidden text-right md:table-cell")}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100 dark:divide-stone-800">
          {rows.map((row, index) => {
            const kind = row.kind === "TERM_TO_DEFINITION" ? "Term → definition" : "Definition → term";
            const deck = `${row.deckTitle}${row.deckStudied ? "" : " (not studied)"}${row.retired ? " (retired)" : ""}`;
            return (
              <tr
                key={row.id}
                className={cn(selected.has(row.id) || allMatching ? "bg-accent-50/60 dark:bg-accent-700/10" : undefined)}
                data-testid="card-row"
              >
                <td className="py-2 pr-1 pl-1 align-top">
                  <input
                    type="checkbox"
                    checked={allMatching || selected.has(row.id)}
                    disabled={allMatching}
                    onClick={(event) => toggle(index, event)}
                    onChange={() => undefined}
                    aria-label={`Select ${row.term} (${kind})`}
                    className="size-4"
                    data-testid="row-checkbox"
                  />
                </td>
                <th scope="row" className="min-w-0 px-2 py-2 text-left align-top font-normal">
                  <Link
                    href={cardHref(row.id, listHref)}
                    className="font-medium break-words text-stone-900 hover:underline dark:text-stone-100"
                  >
                    {row.term}
                  </Link>
                  {row.suspended ? (
                    <span
                      className="ml-1.5 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
                      data-testid="suspended-badge"
                    >
                      Suspended
                    </span>
                  ) : null}
                  <span className="block text-xs break-words text-stone-500 md:hidden dark:text-stone-400">
                    {STATE_LABELS[row.state]} · {kind} · {deck}
                  </span>
                  <span className="hidden text-xs text-stone-500 md:block lg:hidden dark:text-stone-400">{kind}</span>
                </th>
                <td className="hidden px-2 py-2 align-top text-stone-600 md:table-cell dark:text-stone-400">{deck}</td>
                <td className="hidden px-2 py-2 align-top whitespace-nowrap text-stone-600 lg:table-cell dark:text-stone-400">
                  {kind}
                </td>
                <td className="hidden px-2 py-2 align-top md:table-cell">{STATE_LABELS[row.state]}</td>
                <td
                  className={cn(
                    "px-2 py-2 align-top",
                    row.dueDays !== null && row.dueDays < 0 && "text-red-700 dark:text-red-300",
                  )}
                >
                  {row.dueDays === null ? (
                    <span className="text-stone-500 dark:text-stone-400">new</span>
                  ) : (
                    formatDueDays(row.dueDays)
                  )}
                </td>
                <td className="hidden px-2 py-2 text-right align-top tabular-nums md:table-cell">
                  {row.state === 0 ? "–" : formatInterval(row.stability * DAY_MS)}
                </td>
                <td className="px-2 py-2 text-right align-top tabular-nums">
                  {row.retrievability === null ? "–" : `${Math.round(row.retrievability * 100)}%`}
                </td>
                <td className="hidden px-2 py-2 text-right align-top tabular-nums md:table-cell">{row.lapses}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
