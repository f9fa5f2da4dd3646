/*
 * The card browser's search syntax (Anki-like), parsed into a typed filter. Pure: the data layer
 * turns the filter into SQL. Every part of a query must hold (AND); a leading "-" negates a part.
 *
 *   mesa opt          free words: a word starting with each (term, aliases, definition, examples)
 *   "inner alignment" an exact phrase;  -word, -"a phrase": without it
 *   deck:slug  tag:x  is:new|learning|review|due|suspended|leech|edited
 *   prop:r<0.8  prop:lapses>=3  prop:due<=7  prop:reps>2  prop:s>30   (< <= > >= =)
 *   added:7           card added in the last 7 study days (today included)
 *   rated:1  rated:7:1  reviewed in the last N study days (with that grade: 1 Again ... 4 Easy)
 */

export const IS_VALUES = ["new", "learning", "review", "due", "suspended", "leech", "edited"] as const;
export type IsValue = (typeof IS_VALUES)[number];

export const PROPERTIES = ["r", "lapses", "due", "reps", "s"] as const;
export type Property = (typeof PROPERTIES)[number];

export const COMPARISONS = ["<=", ">=", "<", ">", "="] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type SearchPart =
  | { kind: "text"; words: string[]; phrase: boolean; negate: boolean }
  | { kind: "deck"; slug: string; negate: boolean }
  | { kind: "tag"; tag: string; negate: boolean }
  | { kind: "is"; value: IsValue; negate: boolean }
  | { kind: "prop"; property: Property; op: Comparison; value: number; negate: boolean }
  | { kind: "added"; days: number; negate: boolean }
  | { kind: "rated"; days: number; grade: 1 | 2 | 3 | 4 | null; negate: boolean };

export type ParsedQuery = { ok: true; parts: SearchPart[] } | { ok: false; error: string };

export const MAX_QUERY_LENGTH = 500;
export const MAX_QUERY_PARTS = 20;
/** The longest look-back of added: and rated: (ten years of study days). */
export const MAX_DAYS = 3650;

const FILTERS = ["deck", "tag", "is", "prop", "added", "rated"] as const;
type Filter = (typeof FILTERS)[number];

interface Token {
  text: string;
  negate: boolean;
  /** The value was written in quotes (a phrase, or a filter value with spaces). */
  quoted: boolean;
  /** The filter name, lower-cased, when the token is `name:value`. */
  filter: string | null;
}

class QueryError extends Error {}

/** Words as the full-text index splits them: runs of letters and digits (accents kept; the index folds them). */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    while (i < n && /\s/.test(query[i])) i += 1;
    if (i >= n) break;
    const start = i;
    let negate = false;
    if (query[i] === "-") {
      negate = true;
      i += 1;
    }
    let filter: string | null = null;
    const name = /^([A-Za-z]+):/.exec(query.slice(i));
    if (name) {
      filter = name[1].toLowerCase();
      i += name[0].length;
    }
    let text = "";
    let quoted = false;
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close === -1) throw new QueryError(`unclosed quote in ${query.slice(start)}`);
      text = query.slice(i + 1, close);
      quoted = true;
      i = close + 1;
      if (i < n && !/\s/.test(query[i]))
        throw new QueryError(`put a space after the closing quote in ${query.slice(start, i + 1)}`);
    } else {
      while (i < n && !/\s/.test(query[i])) {
        if (query[i] === '"') throw new QueryError(`a quote must start a word: ${query.slice(start, i + 1)}`);
        text += query[i];
        i += 1;
      }
    }
    if (negate && filter === null && text === "" && !quoted) throw new QueryError(`"-" needs a word or filter after it`);
    tokens.push({ text, negate, quoted, filter });
  }
  return tokens;
}

const OPERATOR = /^(<=|>=|<|>|=)(.*)$/;

function wholeDays(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new QueryError(`${what} needs a whole number of days (1 to ${MAX_DAYS})`);
  const days = Number(value);
  if (days < 1 || days > MAX_DAYS) throw new QueryError(`${what} needs a whole number of days (1 to ${MAX_DAYS})`);
  return days;
}

function propertyPart(token: Token): SearchPart {
  const match = /^([A-Za-z]+)(.*)$/.exec(token.text);
  if (!match) throw new QueryError(`prop: needs a property and a comparison, e.g. prop:r<0.8 or prop:lapses>=3`);
  const property = match[1].toLowerCase();
  if (!(PROPERTIES as readonly string[]).includes(property)) {
    throw new QueryError(`unknown property "prop:${match[1]}": use r, lapses, due, reps or s`);
  }
  const comparison = OPERATOR.exec(match[2]);
  if (!comparison)
    throw new QueryError(`prop:${property} needs a comparison (< <= > >= =) and a number, e.g. prop:${property}<=3`);
  const op = comparison[1] as Comparison;
  const text = comparison[2];
  const prop = property as Property;
  if (prop === "r") {
    const value = /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(text) ? Number(text) : NaN;
    if (!(value >= 0 && value <= 1)) throw new QueryError(`prop:r needs a number between 0 and 1`);
    return { kind: "prop", property: prop, op, value, negate: token.negate };
  }
  if (prop === "s") {
    const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value) || value > 1_000_000) throw new QueryError(`prop:s needs a number of days, e.g. prop:s>30`);
    return { kind: "prop", property: prop, op, value, negate: token.negate };
  }
  const signed = prop === "due";
  if (!(signed ? /^-?\d{1,6}$/ : /^\d{1,6}$/).test(text)) {
    throw new QueryError(
      signed
        ? `prop:due needs a whole number of days (negative for overdue), e.g. prop:due<=7`
        : `prop:${prop} needs a whole number, e.g. prop:${prop}>=3`,
    );
  }
  return { kind: "prop", property: prop, op, value: Number(text), negate: token.negate };
}

function filterPart(token: Token): SearchPart {
  const filter = token.filter as Filter;
  const { negate } = token;
  const value = token.text.trim();
  const label = `${filter}:`;
  switch (filter) {
    case "deck":
      if (value === "") throw new QueryError(`deck: needs a deck's slug, e.g. deck:core-glossary`);
      return { kind: "deck", slug: value.toLowerCase(), negate };
    case "tag":
      if (value === "") throw new QueryError(`tag: needs a tag, e.g. tag:optimization`);
      return { kind: "tag", tag: value.toLowerCase(), negate };
    case "is": {
      const is = value.toLowerCase();
      if (!(IS_VALUES as readonly string[]).includes(is)) {
        const named = value === "" ? "is:" : `unknown state "is:${value}"`;
        throw new QueryError(`${named}: is: takes new, learning, review, due, suspended, leech or edited`);
      }
      return { kind: "is", value: is as IsValue, negate };
    }
    case "prop":
      return propertyPart({ ...token, text: value });
    case "added":
      return { kind: "added", days: wholeDays(value, label), negate };
    case "rated": {
      const [days, grade, ...rest] = value.split(":");
      if (rest.length > 0) throw new QueryError(`rated: takes days and an optional grade, e.g. rated:7 or rated:7:1`);
      const parsedDays = wholeDays(days ?? "", label);
      if (grade === undefined) return { kind: "rated", days: parsedDays, grade: null, negate };
      if (!/^[1-4]$/.test(grade))
        throw new QueryError(`rated:${days}:${grade}: the grade is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)`);
      return { kind: "rated", days: parsedDays, grade: Number(grade) as 1 | 2 | 3 | 4, negate };
    }
  }
}

/** Parses a search; an error names the part it could not take. An empty query matches every card. */
export function parseQuery(query: string): ParsedQuery {
  if (query.length > MAX_QUERY_LENGTH) return { ok: false, error: `the search is longer than ${MAX_QUERY_LENGTH} characters` };
  try {
    const tokens = tokenize(query);
    if (tokens.length > MAX_QUERY_PARTS) throw new QueryError(`the search has more than ${MAX_QUERY_PARTS} parts`);
    const parts = tokens.flatMap((token): SearchPart[] => {
      if (token.filter !== null) {
        if (!(FILTERS as readonly string[]).includes(token.filter)) {
          throw new QueryError(`unknown filter "${token.filter}:" (put it in quotes to search for the text)`);
        }
        return [filterPart(token)];
      }
      const words = wordsOf(token.text);
      // A word of punctuation only ("--", "?") finds nothing in the index and stands for nothing.
      if (words.length === 0) {
        if (token.quoted || token.negate)
          throw new QueryError(`${token.negate ? "-" : ""}"${token.text}" has no letters or digits to search for`);
        return [];
      }
      return [{ kind: "text", words, phrase: token.quoted, negate: token.negate }];
    });
    return { ok: true, parts };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, error: error.message };
    throw error;
  }
}

function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The FTS5 query of one text part, over the concept text columns. Free words match as a prefix
 * ("optim" finds "optimizer"); a word the index splits ("mesa-optimizer") stays one phrase, its
 * last piece a prefix. A quoted phrase matches its words in order, whole.
 */
export function ftsQueryOf(part: Extract<SearchPart, { kind: "text" }>): string {
  const phrase = ftsString(part.words.join(" "));
  return `{term aliases definition examples} : (${part.phrase ? phrase : `${phrase} *`})`;
}

/** Column weights of the PostgreSQL search document (prisma/postgres/migrations, the baseline). */
export type TsColumns = "ABCD" | "AB";

/**
 * A tsquery (PostgreSQL's twin of the FTS5 query) of phrases, any of which matches: each phrase's
 * words in order, the last one a prefix when `prefix`, in the columns of the given weights (A term,
 * B aliases, C definition, D examples). Words are letters and digits only, as wordsOf splits them.
 */
export function tsQueryOfPhrases(phrases: readonly { words: readonly string[]; prefix: boolean }[], columns: TsColumns): string {
  return phrases
    .filter((phrase) => phrase.words.length > 0)
    .map(({ words, prefix }) =>
      words.map((word, i) => `'${word.toLowerCase()}':${prefix && i === words.length - 1 ? "*" : ""}${columns}`).join(" <-> "),
    )
    .map((phrase) => `(${phrase})`)
    .join(" | ");
}

/** The tsquery of one text part, as ftsQueryOf for FTS5. */
export function tsQueryOf(part: Extract<SearchPart, { kind: "text" }>): string {
  return tsQueryOfPhrases([{ words: part.words, prefix: !part.phrase }], "ABCD");
}
