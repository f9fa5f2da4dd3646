import type { Metadata } from "next";
import Link from "next/link";
import { CardBrowser, type SortHeader } from "@/components/cards/card-browser";
import { CardSearchForm } from "@/components/cards/card-search-form";
import { NavLink } from "@/components/ui/nav-link";
import { plural, WORDS } from "@/lib/format";
import { cardListHref, type CardListState } from "@/lib/search/list-url";
import { requireUser } from "@/lib/server/auth";
import { listCards, listOwnDecks } from "@/lib/server/card-browser";
import { serverNow } from "@/lib/server/clock";
import type { CardSort } from "@/lib/types/card-browser";
import { CardListParamsSchema } from "@/lib/validation/card-browser";
import {
  deleteCardsAction,
  moveCardsAction,
  previewCardDeletionAction,
  resetCardsAction,
  suspendCardsAction,
  tagCardsAction,
} from "./actions";

export const metadata: Metadata = { title: "Cards" };

const SORT_LABELS: Record<CardSort, string> = {
  term: "Term",
  due: "Due",
  r: "Recall now",
  lapses: "Lapses",
  added: "Added",
};

export default async function CardsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const raw = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const params = CardListParamsSchema.parse({
    q: first(raw.q),
    sort: first(raw.sort),
    dir: first(raw.dir),
    page: first(raw.page),
  });
  const [list, ownDecks] = await Promise.all([listCards(user.id, params, serverNow()), listOwnDecks(user.id)]);
  const state: CardListState = { ...params, page: list.ok ? list.page : 1 };
  const listHref = cardListHref(state);
  const sortHeaders = Object.fromEntries(
    (Object.keys(SORT_LABELS) as CardSort[]).map((sort) => {
      const current = params.sort === sort ? params.dir : null;
      // A click on the current column turns it around; on another, sorts by it (most useful way first).
      const dir =
        current === "asc" ? "desc" : current === "desc" ? "asc" : sort === "lapses" || sort === "added" ? "desc" : "asc";
      return [
        sort,
        { label: SORT_LABELS[sort], href: cardListHref({ ...params, sort, dir, page: 1 }), current } satisfies SortHeader,
      ];
    }),
  ) as Record<CardSort, SortHeader>;

  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-5 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Cards</h1>
      <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">
        Every card of yours, in the decks you study and the ones you stopped.
      </p>

      <CardSearchForm q={params.q} sort={params.sort} dir={params.dir} error={list.ok ? undefined : list.error} />

      {list.ok ? (
        <>
          <p className="mt-6 text-sm text-stone-600 dark:text-stone-400" data-testid="card-total">
            {list.total === 0
              ? params.q === ""
                ? "You have no cards yet: study a deck to get some."
                : "No cards match this search."
              : `${plural(list.total, WORDS.card)}${params.q === "" ? "" : " match"}${
                  list.pageCount > 1 ? ` · page ${list.page} of ${list.pageCount}` : ""
                }`}
          </p>
          {/* Kept when the search matches nothing any more (after acting on all it found), to say what was done. */}
          <CardBrowser
            key={listHref}
            rows={list.rows}
            total={list.total}
            query={params.q}
            listHref={listHref}
            sortHeaders={sortHeaders}
            ownDecks={ownDecks}
            actions={{
              suspend: suspendCardsAction,
              reset: resetCardsAction,
              tag: tagCardsAction,
              move: moveCardsAction,
              previewDeletion: previewCardDeletionAction,
              remove: deleteCardsAction,
            }}
          />
          {list.pageCount > 1 ? (
            <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
              {list.page > 1 ? (
                <NavLink href={cardListHref({ ...state, page: list.page - 1 })} rel="prev">
                  ← Previous
                </NavLink>
              ) : (
                <span />
              )}
              <span className="text-stone-500 dark:text-stone-400">
                Page {list.page} of {list.pageCount}
              </span>
              {list.page < list.pageCount ? (
                <NavLink href={cardListHref({ ...state, page: list.page + 1 })} rel="next">
                  Next →
                </NavLink>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </>
      ) : (
        <p className="mt-6 text-sm text-stone-600 dark:text-stone-400">
          Fix the search to see cards, or{" "}
          <Link href="/cards" className="underline">
            show every card
          </Link>
          .
        </p>
      )}
    </main>
  );
}
