/** @jest-environment jsdom */
import { plainTextOf, renderInlineMarkdown, renderMarkdown } from "@/lib/markdown/render";

describe("the card text renderer", () => {
  it("renders emphasis, lists, code and safe links", () => {
    const html = renderMarkdown("A **bold** idea with `code`.\n\n- one\n- two\n\nSee [the paper](https://example.org/p).").__html;
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('<a href="https://example.org/p" rel="noopener noreferrer nofollow">the paper</a>');
  });

  it("turns script tags, event handlers and javascript: links into inert text", () => {
    const fixture = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(2)">',
      "[click](javascript:alert(3))",
      "[data](data:text/html;base64,PHNjcmlwdD4=)",
      '<a href="javascript:alert(4)">x</a>',
      "![pic](https://example.org/x.png)",
    ].join("\n\n");
    const html = renderMarkdown(fixture).__html;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<a [^>]*href="(javascript|data):/i);
    expect(html).not.toMatch(/<a href="javascript/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
    expect(html).toContain("[click](javascript:alert(3))");
    // The tags are text: parsing the output as HTML finds paragraphs and one plain https link (the
    // picture, shown as a link since images are off), no handler attribute anywhere.
    document.body.innerHTML = html;
    const elements = [...document.body.querySelectorAll("*")];
    expect([...new Set(elements.map((el) => el.tagName))].sort()).toEqual(["A", "P"]);
    expect([...document.body.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual(["https://example.org/x.png"]);
    expect(elements.flatMap((el) => el.getAttributeNames()).filter((name) => name.startsWith("on"))).toEqual([]);
  });

  it("allows mailto links and linkifies bare http addresses with the same rel", () => {
    expect(renderMarkdown("[me](mailto:a@example.org)").__html).toContain('href="mailto:a@example.org"');
    expect(renderMarkdown("see https://example.org/x").__html).toContain(
      '<a href="https://example.org/x" rel="noopener noreferrer nofollow">https://example.org/x</a>',
    );
  });

  it("keeps headings and raw HTML as text, and renders examples inline", () => {
    expect(renderMarkdown("# Big").__html).toBe("<p># Big</p>\n");
    expect(renderInlineMarkdown("an *example*").__html).toBe("an <em>example</em>");
    expect(renderInlineMarkdown("<b>x</b>").__html).toBe("&lt;b&gt;x&lt;/b&gt;");
  });
});

describe("plainTextOf", () => {
  it("keeps text without markdown as it is, and takes marks and link targets out of the rest", () => {
    expect(plainTextOf("A plain definition, with a comma.")).toBe("A plain definition, with a comma.");
    expect(plainTextOf("A **bold** claim with [a link](https://example.org) and `code`.")).toBe(
      "A bold claim with a link and code.",
    );
    expect(plainTextOf("First paragraph\nwraps.\n\n- one\n- two")).toBe("First paragraph wraps.\n\none\n\ntwo");
    expect(plainTextOf("<script>alert(1)</script> &amp; more")).toBe("<script>alert(1)</script> & more");
  });
});
