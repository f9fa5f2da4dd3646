/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import { ConceptSource } from "@/components/concepts/concept-details";

const DECK = {
  deckTitle: "Core AI-safety glossary",
  sourceTitle: "Each card cites the paper or post that introduced its term",
  sourceUrl: "https://arxiv.org/abs/1606.06565",
};

describe("a card's source line", () => {
  it("links a concept's own citation to its own URL, without the deck's source", () => {
    render(
      <ConceptSource
        concept={{
          ...DECK,
          sourceLocator: "Alignment faking in large language models (Greenblatt et al., 2024) https://arxiv.org/abs/2412.14093",
        }}
        className=""
      />,
    );
    const link = screen.getByRole("link");
    expect(link.textContent).toBe("Alignment faking in large language models (Greenblatt et al., 2024)");
    expect(link.getAttribute("href")).toBe("https://arxiv.org/abs/2412.14093");
    expect(link.closest("p")!.textContent).toBe("Source: Alignment faking in large language models (Greenblatt et al., 2024)");
  });

  it("keeps the deck's source with a locator that has no URL (a section of the deck's paper)", () => {
    render(<ConceptSource concept={{ ...DECK, sourceLocator: "§1.1" }} className="" />);
    const link = screen.getByRole("link");
    expect(link.getAttribute("href")).toBe(DECK.sourceUrl);
    expect(link.closest("p")!.textContent).toBe(`Source: ${DECK.sourceTitle}, §1.1`);
  });
});
