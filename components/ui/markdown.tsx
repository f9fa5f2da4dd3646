import type { MarkdownHtml } from "@/lib/types/markdown";

/*
 * Shows card text the server rendered from markdown (lib/markdown/render.ts: raw HTML off, links
 * limited to http, https and mailto). The one place such HTML enters the page. Drawn inside the
 * review card (a client component), so classes are joined, not merged.
 */

const PROSE =
  "space-y-3 break-words [&_a]:underline [&_a]:underline-offset-2 [&_a:hover]:text-accent-600 dark:[&_a:hover]:text-accent-400 [&_blockquote]:border-l-2 [&_blockquote]:border-stone-300 [&_blockquote]:pl-3 [&_code]:rounded [&_code]:bg-stone-100 [&_code]:px-1 [&_code]:text-[0.9em] dark:[&_code]:bg-stone-800 [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_ul]:list-disc [&_ul]:pl-6";

export function Markdown({ html, className, testId }: { html: MarkdownHtml; className?: string; testId?: string }) {
  return <div data-testid={testId} className={className ? `${PROSE} ${className}` : PROSE} dangerouslySetInnerHTML={html} />;
}

/** Inline markdown (an example) inside a given element. */
export function InlineMarkdown({ html, className }: { html: MarkdownHtml; className?: string }) {
  return <span className={className} dangerouslySetInnerHTML={html} />;
}
