/**
 * User or deck text rendered to HTML by the server's markdown renderer (lib/markdown/render.ts), in
 * the shape React's dangerouslySetInnerHTML takes. Only that renderer makes one, and only the
 * Markdown component (components/ui/markdown.tsx) shows one.
 */
export interface MarkdownHtml {
  readonly __html: string;
}
