import type { ConceptTextDTO } from "@/lib/types/cards";

/*
 * The parts of a concept shown the same way on the review card's back, in the quiz's concept panels
 * and on a card's history page. Plain markup without hooks or server imports: the review card is a
 * client component and bundles this file. Text is rendered as text, never as HTML.
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

/** The concept's examples in a shaded box; nothing when it has none. */
export function ConceptExamples({ examples }: { examples: readonly string[] }) {
  if (examples.length === 0) return null;
  return (
    <div className="mt-5 rounded-xl bg-stone-100 px-4 py-3 dark:bg-stone-800/60">
      <p className="text-xs font-medium tracking-wide text-stone-600 uppercase dark:text-stone-400">Example</p>
      <ul className="mt-1 space-y-1.5 text-[0.95rem] leading-relaxed text-stone-700 dark:text-stone-300">
        {examples.map((example) => (
          <li key={example}>{example}</li>
        ))}
      </ul>
    </div>
  );
}

/** "Source: title, locator", the title linking out when the deck gives a URL (the deck's title when it gives none). */
export function ConceptSource({ concept, className }: { concept: ConceptSourceFields; className: string }) {
  const title = concept.sourceTitle || concept.deckTitle;
  return (
    <p className={`${className} text-xs text-stone-500 dark:text-stone-400`}>
      Source:{" "}
      {concept.sourceUrl ? (
        <a
          href={concept.sourceUrl}
          target="_blank"
          rel="noopener noreferrer"
          className="underline underline-offset-2 hover:text-accent-600 dark:hover:text-accent-400"
        >
          {title}
        </a>
      ) : (
        title
      )}
      {concept.sourceLocator ? `, ${concept.sourceLocator}` : ""}
    </p>
  );
}
