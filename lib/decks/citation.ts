/**
 * A citation as the deck format writes it: "Title words (Author, 2019) https://..." -> the words
 * and the URL at its end (empty when there is none). The deck parser splits a deck's source with
 * it; a card splits its concept's own citation with it, so the link goes to the concept's source.
 */
export function splitCitation(value: string): { text: string; url: string } {
  const match = value.match(/^(.*?)\s*(https?:\/\/\S+)\s*$/);
  return match ? { text: match[1].trim(), url: match[2] } : { text: value.trim(), url: "" };
}
