import "server-only";
import MarkdownIt from "markdown-it";
import type { MarkdownHtml } from "@/lib/types/markdown";

/*
 * The one renderer of card text (definitions and examples, built-in and the user's own). Raw HTML
 * is off, so `<script>` or `<img onerror>` typed into a definition comes out as escaped text; link
 * URLs are limited to http, https and mailto (a `javascript:` link stays text), and every link is
 * marked rel="noopener noreferrer nofollow". Images, headings and tables are off: a card is a few
 * sentences, and a picture from elsewhere would be fetched from the learner's browser. Runs on the
 * server only: the HTML reaches components inside DTOs.
 */

const SAFE_LINK = /^(https?:|mailto:)/i;

const md = new MarkdownIt("default", { html: false, linkify: true, typographer: false, breaks: false });
md.disable(["image", "heading", "lheading", "table"]);
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/*
 * The same texts are rendered on every request (a deck's definitions), so the HTML of recent ones
 * is kept: per process by nature, since it depends on the text alone.
 */
const CACHE_MAX = 5000;
const cache = new Map<string, string>();

export function renderMarkdown(text: string): MarkdownHtml {
  let html = cache.get(text);
  if (html === undefined) {
    html = md.render(text);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(text, html);
  }
  return { __html: html };
}

/** A one-line text (an example) rendered without its wrapping paragraph. */
export function renderInlineMarkdown(text: string): MarkdownHtml {
  const key = `\u0000inline\u0000${text}`;
  let html = cache.get(key);
  if (html === undefined) {
    html = md.renderInline(text);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, html);
  }
  return { __html: html };
}

/** Characters without which a text has no markdown to take out. */
const MARKDOWN_SIGNS = /[*_`[\]<>&#~\\]|^\s*([-+]|\d+[.)])\s/m;

/**
 * The text a reader sees, without markdown's marks: for places that show text as text (quiz
 * questions and options, where a definition is a choice on a button). Blocks are separated by a
 * blank line; link targets are dropped, their text kept.
 */
export function plainTextOf(text: string): string {
  if (!MARKDOWN_SIGNS.test(text)) return text;
  const blocks: string[] = [];
  for (const token of md.parse(text, {})) {
    if (token.type !== "inline" && token.type !== "fence" && token.type !== "code_block") continue;
    if (token.type !== "inline") {
      blocks.push(token.content.trimEnd());
      continue;
    }
    blocks.push(
      (token.children ?? [])
        .map((child) =>
          child.type === "text" || child.type === "code_inline"
            ? child.content
            : child.type === "softbreak" || child.type === "hardbreak"
              ? " "
              : "",
        )
        .join(""),
    );
  }
  return blocks.filter((block) => block.trim() !== "").join("\n\n");
}
