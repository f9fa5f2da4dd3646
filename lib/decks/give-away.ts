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

/**
 * Name words (by stem) and words that restate them, found where definitions gave their term away
 * by paraphrase: "what a model knows about its situation" for *Situational awareness*, "policies
 * tend to pursue power" for *Power-seeking*. Kept short and reviewed: a loose synonym list would
 * flag definitions that merely describe the idea.
 */
const RESTATEMENTS: Record<string, string[]> = {
  awar: ["know"],
  seek: ["pursu", "pursuit"],
};

function allWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

function words(text: string): string[] {
  return allWords(text).filter((word) => !STOPWORDS.has(word));
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

/** The keys a name word is found by: its own, and those of the words listed as restating it. */
function nameKeysOf(word: string): string[] {
  const keys = keysOf(word);
  return [...keys, ...keys.flatMap((key) => RESTATEMENTS[key] ?? [])];
}

function matches(definitionKeys: string[], nameKeys: string[]): boolean {
  return definitionKeys.some((d) => nameKeys.some((n) => sameStem(d, n)));
}

/**
 * The hyphenated compounds that modify a multi-word name's last word ("off-switch" in "Off-switch
 * game"), as word lists. Such a modifier is the distinctive part of the name, so the definition
 * gives the name away by using it, with or without the hyphen, even without the generic last word.
 * A compound that is itself the last word ("aligned mesa-optimizer") is the generic part, not this.
 */
function compoundsOf(name: string): string[][] {
  const parts = name.split(/\s+/).filter((part) => part !== "");
  return parts
    .slice(0, -1)
    .filter((part) => part.includes("-"))
    .map(allWords)
    .filter((list) => list.length >= 2);
}

/** Whether the definition has the compound's words one after another, each by stem. */
function containsCompound(definition: string[][], compound: string[][]): boolean {
  for (let start = 0; start + compound.length <= definition.length; start++) {
    if (compound.every((keys, i) => matches(definition[start + i], keys))) return true;
  }
  return false;
}

/**
 * The names of a concept that its definition gives away: a name is given away when every word of
 * it (leaving out words like "of" and "the") appears in the definition, compared by stem, so
 * "Wireheading" is given away by "wireheads", "Probing" by "a probe" and "Goal misgeneralization"
 * by "a generalization failure ... pursues a goal"; a few words also count by a word that restates
 * them ("knows" for awareness). A multi-word name is also given away by its hyphenated compound
 * ("off switch" for *Off-switch game*). A definition that gives its term away can be answered by
 * matching words instead of recalling the idea.
 */
export function findGiveAways(concept: NamedConcept): GiveAway[] {
  const definitionWords = [...new Set(words(concept.definition))].map((word) => ({ word, keys: keysOf(word) }));
  const definitionSequence = allWords(concept.definition).map(keysOf);
  const names = [...new Set([concept.term, ...concept.aliases])];
  const found: GiveAway[] = [];
  for (const name of names) {
    const nameWords = [...new Set(words(name))];
    if (nameWords.length === 0) continue;
    const matched = nameWords.map((nameWord) => {
      const keys = nameKeysOf(nameWord);
      return definitionWords.find((d) => matches(d.keys, keys))?.word;
    });
    if (matched.every((match) => match !== undefined)) {
      found.push({ name, words: [...new Set(matched)] });
      continue;
    }
    const compound = compoundsOf(name).find((list) => containsCompound(definitionSequence, list.map(keysOf)));
    if (compound) found.push({ name, words: [compound.join(" ")] });
  }
  return found;
}
