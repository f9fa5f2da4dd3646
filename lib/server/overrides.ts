import "server-only";
import { checkConcept, errorsByField } from "@/lib/decks/concept-checks";
import { wordingHash } from "@/lib/decks/wording-hash";
import { renderInlineMarkdown, renderMarkdown } from "@/lib/markdown/render";
import type { WordingDTO } from "@/lib/types/cards";
import type { RewordInput } from "@/lib/validation/authoring";
import { syncConceptSearch } from "./concept-search";
import { write, type WriteTx } from "./db";
import { FieldErrors, NotFoundError } from "./errors";
import { parseJsonList } from "./mappers";

/*
 * A user's own wording of a built-in concept (ConceptOverride): definition, examples and aliases,
 * shown to that user wherever the concept appears, marked as theirs, with the original a click
 * away. The concept row is never edited, and seeding never touches an override. A null field
 * keeps the original's value; the row may also hold tags set elsewhere, which a revert keeps.
 */

/** A built-in concept the user studies (has cards of), or NotFoundError: own concepts are edited, not reworded. */
async function rewordable(tx: WriteTx, userId: string, conceptId: string) {
  const concept = await tx.concept.findFirst({
    where: { id: conceptId, deck: { ownerId: null }, cards: { some: { userId } } },
    select: { id: true, term: true, definition: true, examples: true, aliases: true },
  });
  if (!concept) throw new NotFoundError("That concept");
  return concept;
}

/**
 * Saves the user's wording of a built-in concept. A field equal to the original is stored as null
 * (the original's), so a later change of the original shows through it. The definition must not
 * give the term away and must keep to the length limit, as for own concepts. Saving again also
 * records the original as it is now, which ends an "original changed" notice.
 */
export async function saveWording(userId: string, input: RewordInput, now: Date): Promise<void> {
  await write(async (tx) => {
    const concept = await rewordable(tx, userId, input.conceptId);
    const issues = checkConcept(
      { id: concept.id, term: concept.term, aliases: input.aliases, definition: input.definition, prerequisiteIds: [] },
      { deckNames: [], known: new Set(), requires: new Map() },
    ).filter((issue) => issue.field === "definition" || issue.field === "aliases");
    const errors = errorsByField(issues);
    if (Object.keys(errors).length > 0) throw new FieldErrors(errors);

    const examples = JSON.stringify(input.examples);
    const aliases = JSON.stringify(input.aliases);
    const wording = {
      definition: input.definition === concept.definition ? null : input.definition,
      examples: examples === concept.examples ? null : examples,
      aliases: aliases === concept.aliases ? null : aliases,
      originalHash: wordingHash(concept),
      originalChangeSeenAt: null,
      updatedAt: now,
    };
    await tx.conceptOverride.upsert({
      where: { userId_conceptId: { userId, conceptId: concept.id } },
      create: { userId, conceptId: concept.id, ...wording, createdAt: now },
      update: wording,
    });
    await syncConceptSearch(tx, [concept.id]);
  });
}

/** Goes back to the original wording. Tags kept on the row stay; a row with nothing left is deleted. */
export async function revertWording(userId: string, conceptId: string, now: Date): Promise<void> {
  await write(async (tx) => {
    const override = await tx.conceptOverride.findUnique({
      where: { userId_conceptId: { userId, conceptId } },
      select: { id: true, tags: true },
    });
    if (!override) throw new NotFoundError("Your wording of that concept");
    if (override.tags === null) await tx.conceptOverride.delete({ where: { id: override.id } });
    else {
      await tx.conceptOverride.update({
        where: { id: override.id },
        data: { definition: null, examples: null, aliases: null, updatedAt: now },
      });
    }
    await syncConceptSearch(tx, [conceptId]);
  });
}

/** Records that the user was shown that the original changed since they reworded it (the notice shows once). */
export async function markOriginalChangeSeen(userId: string, conceptId: string, now: Date): Promise<void> {
  await write(async (tx) => {
    await tx.conceptOverride.updateMany({
      where: { userId, conceptId, originalChangeSeenAt: null },
      data: { originalChangeSeenAt: now },
    });
  });
}

/** An override row as the readers join it (null columns when the user has none). */
export interface OverrideColumns {
  definition: string | null;
  examples: string | null;
  aliases: string | null;
  originalHash: string | null;
  originalChangeSeenAt: Date | string | number | null;
}

/** The original text a wording replaces. */
export interface OriginalText {
  definition: string;
  examples: string;
  aliases: string;
}

/** Whether the row holds a wording (a row with tags only does not). */
export function hasWording(override: Pick<OverrideColumns, "definition" | "examples" | "aliases"> | null): boolean {
  return override !== null && (override.definition !== null || override.examples !== null || override.aliases !== null);
}

/** The text the user sees: theirs where they reworded it, the original elsewhere. */
export function effectiveText(
  original: OriginalText,
  override: Pick<OverrideColumns, "definition" | "examples" | "aliases"> | null,
) {
  return {
    definition: override?.definition ?? original.definition,
    examples: parseJsonList(override?.examples ?? original.examples),
    aliases: parseJsonList(override?.aliases ?? original.aliases),
  };
}

/**
 * The "your wording" part of a card's text: the original rendered (its examples and aliases only
 * where the user reworded them), and whether it changed unseen.
 */
export function wordingOf(conceptId: string, original: OriginalText, override: OverrideColumns | null): WordingDTO | null {
  if (!hasWording(override)) return null;
  const examples = override!.examples === null ? [] : parseJsonList(original.examples);
  return {
    conceptId,
    originalDefinition: original.definition,
    originalDefinitionHtml: renderMarkdown(original.definition),
    originalExamplesHtml: examples.map(renderInlineMarkdown),
    originalAliases: override!.aliases === null ? [] : parseJsonList(original.aliases),
    examplesReworded: override!.examples !== null,
    aliasesReworded: override!.aliases !== null,
    originalChanged: override!.originalChangeSeenAt === null && override!.originalHash !== wordingHash(original),
  };
}
