import type { ReactNode } from "react";
import { InlineMarkdown, Markdown } from "@/components/ui/markdown";
import type { ConceptTextDTO, WordingDTO } from "@/lib/types/cards";
import type { MarkdownHtml } from "@/lib/types/markdown";
import { splitCitation } from "@/lib/decks/citation";

/*
 * The parts of a concept shown the same way on the review card's back, in the quiz's concept panels
 * and on a card's history page. Plain markup without hooks or server imports: the review card is a
 * client component and bundles this file. Definitions and examples arrive rendered from markdown by
 * the server (raw HTML off); everything else is rendered as text.
 */

type ConceptSourceFields = Pick<ConceptTextDTO, "sourceUrl" | "sourceTitle" | "sourceLocator" | "deckTitle">;

/** Text with blank-line paragraph breaks (definitions), one <p> per paragraph. */
export function Paragraphs({ text, className }: { text: string; className: string }) {
  return (
    <>
      {text.split("\n\n").map((paragraph, i) => (
        <p key={i} className={className}>
          {paragraph}
        </p>
      ))}
    </>
  );
}

/** The concept's examples (rendered markdown) in a shaded box; nothing when it has none. */
export function ConceptExamples({ examples }: { examples: readonly MarkdownHtml[] }) {
  if (examples.length === 0) return null;
  return (
    <div className="mt-5 rounded-xl bg-stone-100 px-4 py-3 dark:bg-stone-800/60">
      <p className="text-xs font-medium tracking-wide text-stone-600 uppercase dark:text-stone-400">Example</p>
      <ul className="mt-1 space-y-1.5 text-[0.95rem] leading-relaxed break-words text-stone-700 dark:text-stone-300">
        {examples.map((example, i) => (
          <li key={i}>
            <InlineMarkdown html={example} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A definition rendered from markdown. */
export function ConceptDefinition({ html, className }: { html: MarkdownHtml; className: string }) {
  return <Markdown html={html} className={className} testId="definition" />;
}

/**
 * "Your wording" under a reworded built-in concept, with the original behind a disclosure (open,
 * with a notice, when the original changed since the user reworded it). `actions` go beside the
 * label (edit, revert).
 */
export function WordingNote({ wording, actions }: { wording: WordingDTO; actions?: ReactNode }) {
  return (
    <div
      data-testid="your-wording"
      className="mt-4 rounded-lg border border-accent-100 px-3 py-2 text-sm dark:border-accent-700/40"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-xs font-medium tracking-wide text-accent-700 uppercase dark:text-accent-300">Your wording</span>
        {actions}
      </div>
      {wording.originalChanged ? (
        <p role="status" data-testid="original-changed" className="mt-2 text-amber-800 dark:text-amber-300">
          The original wording changed since you reworded it.
        </p>
      ) : null}
      <details className="mt-1" open={wording.originalChanged}>
        <summary className="cursor-pointer text-stone-600 hover:text-stone-900 dark:text-stone-400 dark:hover:text-stone-100">
          Show the original
        </summary>
        <div data-testid="original-wording" className="mt-2 space-y-2 text-stone-700 dark:text-stone-300">
          <Markdown html={wording.originalDefinitionHtml} />
          {wording.originalAliases.length > 0 ? <p>Also called: {wording.originalAliases.join(", ")}</p> : null}
          {wording.originalExamplesHtml.length > 0 ? (
            <ul className="list-disc space-y-1 pl-5">
              {wording.originalExamplesHtml.map((example, i) => (
                <li key={i}>
                  <InlineMarkdown html={example} />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </details>
    </div>
  );
}

/**
 * "Source: title, locator", the title linking out when the deck gives a URL (the deck's title when
 * it gives none). A concept whose own citation ends with a URL (the glossary's cards each cite
 * their paper) links to that instead: "Source: citation".
 */
export function ConceptSource({ concept, className }: { concept: ConceptSourceFields; className: string }) {
  const own = splitCitation(concept.sourceLocator);
  const [title, url, locator] = own.url
    ? [own.text, own.url, ""]
    : [concept.sourceTitle || concept.deckTitle, concept.sourceUrl, concept.sourceLocator];
  return (
    <p className={`${className} text-xs text-stone-500 dark:text-stone-400`}>
      Source:{" "}
      {url ? (
        <a
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          className="underline underline-offset-2 hover:text-accent-600 dark:hover:text-accent-400"
        >
          {title}
        </a>
      ) : (
        title
      )}
      {locator ? `, ${locator}` : ""}
    </p>
  );
}
