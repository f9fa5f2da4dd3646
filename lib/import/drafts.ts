import type { ImportDraftDTO } from "@/lib/types/imports";
import { ALIASES_MAX, EXAMPLES_MAX, SOURCE_TEXT_MAX, TAGS_MAX } from "@/lib/validation/authoring-limits";
import type { ImportedConcept } from "./types";

/**
 * A parsed concept as the import preview offers it: the fields an own concept stores, lists cut
 * to what a concept may hold, a source link kept only when it is a web address.
 */
export function draftOf(concept: ImportedConcept): ImportDraftDTO {
  const url = concept.sourceUrl ?? "";
  return {
    term: concept.term,
    definition: concept.definition,
    aliases: concept.aliases.slice(0, ALIASES_MAX),
    examples: concept.examples.slice(0, EXAMPLES_MAX),
    tags: concept.tags.slice(0, TAGS_MAX),
    sourceText: (concept.sourceLocator ?? "").slice(0, SOURCE_TEXT_MAX),
    sourceUrl: /^https?:\/\//i.test(url) ? url : "",
    line: concept.line ?? null,
  };
}
