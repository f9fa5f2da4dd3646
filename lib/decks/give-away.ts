import stem from "wink-porter2-stemmer";

/** What the give-away check needs of a concept: the names a learner must recall, and the text shown as the cue. */
export interface NamedConcept {
  term: string;
  aliases: string[];
  definition: string;
}

/** A name (the term or an alias) that the definition gives away, with the definition's words that do it. */
export interface GiveAway {
  name: string;
  words: string[];
}

/** Words that carry no part of a name's meaning: "Value of information" is given away by "value" and "information". */
const STOPWORDS = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "by",
  "do",
  "does",
  "for",
  "from",
  "in",
  "is",
  "it",
  "its",
  "of",
  "on",
  "or",
  "s",
  "that",
  "the",
  "this",
  "to",
  "via",
  "vs",
  "what",
  "which",
  "with",
]);

/**
 * Negating and intensifying prefixes: "misgeneralization" is given away by "generalization" and
 * "overoptimization" by "optimizing", so a word also counts by its stem without the prefix.
 */
const PREFIXES = ["mis", "over", "under", "non", "un"];
const MIN_REST = 5;

/** A stem this long or longer also matches the longer stems it begins: "autom" (automated) and "automat" (automatically). */
const MIN_SHARED_STEM = 4;

function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !STOPWORDS.has(word));
}

function keysOf(word: string): string[] {
  const keys = [stem(word)];
  for (const prefix of PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= MIN_REST) keys.push(stem(word.slice(prefix.length)));
  }
  return keys;
}

function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= MIN_SHARED_STEM && longer.startsWith(shorter);
}

/**
 * The names of a concept that its definition gives away: a name is given away when every word of
 * it (leaving out words like "of" and "the") appears in the definition, compared by stem, so
 * "Wireheading" is given away by "wireheads", "Probing" by "a probe" and "Goal misgeneralization"
 * by "a generalization failure ... pursues a goal". A definition that gives its term away can be
 * answered by matching words instead of recalling the idea.
 */
export function findGiveAways(concept: NamedConcept): GiveAway[] {
  const definitionWords = [...new Set(words(concept.definition))].map((word) => ({ word, keys: keysOf(word) }));
  const names = [...new Set([concept.term, ...concept.aliases])];
  const found: GiveAway[] = [];
  for (const name of names) {
    const nameWords = [...new Set(words(name))];
    if (nameWords.length === 0) continue;
    const matches = nameWords.map((nameWord) => {
      const keys = keysOf(nameWord);
      return definitionWords.find((d) => d.keys.some((k) => keys.some((n) => sameStem(k, n))))?.word;
    });
    if (matches.every((match) => match !== undefined)) found.push({ name, words: [...new Set(matches)] });
  }
  return found;
}
