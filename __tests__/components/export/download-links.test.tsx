/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import { AccountDownloadLinks, DeckDownloadLinks } from "@/components/export/download-links";

describe("download links", () => {
  it("link a deck's two downloads as plain downloads of the export routes", () => {
    render(<DeckDownloadLinks deckId="cdeck1" />);
    const markdown = screen.getByRole("link", { name: "Download as Mesa markdown" });
    const apkg = screen.getByRole("link", { name: "Download as Anki package" });
    expect(markdown.getAttribute("href")).toBe("/api/export/decks/cdeck1/markdown");
    expect(apkg.getAttribute("href")).toBe("/api/export/decks/cdeck1/apkg");
    expect(markdown.hasAttribute("download")).toBe(true);
    expect(apkg.hasAttribute("download")).toBe(true);
  });

  it("link the cards and the review log", () => {
    render(<AccountDownloadLinks />);
    expect(screen.getByRole("link", { name: "Download all my cards (Anki TSV)" }).getAttribute("href")).toBe("/api/export/cards");
    expect(screen.getByRole("link", { name: "Download my review log (CSV)" }).getAttribute("href")).toBe(
      "/api/export/review-log",
    );
  });
});
