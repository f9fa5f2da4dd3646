import type { CardSort, SortDirection } from "@/lib/types/card-browser";

export interface CardListState {
  q: string;
  sort: CardSort;
  dir: SortDirection;
  page: number;
}

/** The card browser's address for a search, sort and page; defaults are left out. */
export function cardListHref(state: CardListState): string {
  const params = new URLSearchParams();
  if (state.q !== "") params.set("q", state.q);
  if (state.sort !== "due") params.set("sort", state.sort);
  if (state.dir !== "asc") params.set("dir", state.dir);
  if (state.page > 1) params.set("page", String(state.page));
  const query = params.toString();
  return query === "" ? "/cards" : `/cards?${query}`;
}

/** A card's page, opened from the list: it keeps the list's address to lead back to it. */
export function cardHref(cardId: string, listHref: string): string {
  return `/cards/${encodeURIComponent(cardId)}?back=${encodeURIComponent(listHref)}`;
}

/**
 * The list address a card page may lead back to: only this site's card browser (`/cards` with its
 * query), never another path or site. Anything else is null.
 */
export function safeBackHref(back: unknown): string | null {
  if (typeof back !== "string" || back.length > 1000) return null;
  if (back !== "/cards" && !back.startsWith("/cards?")) return null;
  // "/cards?..." cannot name another host; control characters and backslashes have no place in it either.
  if (/[\u0000-\u001f\u007f\\]/.test(back)) return null;
  try {
    const url = new URL(back, "https://mesa.invalid");
    if (url.origin !== "https://mesa.invalid" || url.pathname !== "/cards") return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}
