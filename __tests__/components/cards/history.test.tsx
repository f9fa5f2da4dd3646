/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import { MemoryState } from "@/components/cards/memory-state";
import { ReviewTimeline } from "@/components/cards/review-timeline";
import type { CardHistoryDTO } from "@/lib/types/cards";

const NOW = new Date("2026-03-07T12:00:00Z");

const card = (fields: Partial<CardHistoryDTO>): CardHistoryDTO => ({
  id: "c1",
  conceptId: "k1",
  origin: "built-in",
  ownDeckId: null,
  kind: "TERM_TO_DEFINITION",
  term: "Optimizer",
  definition: "A system that searches.",
  definitionHtml: { __html: "<p>A system that searches.</p>" },
  examplesHtml: [],
  wording: null,
  examples: [],
  aliases: [],
  sourceLocator: "",
  deckTitle: "Deck",
  sourceTitle: "",
  sourceUrl: "",
  state: 2,
  suspended: false,
  due: NOW,
  availableAt: NOW,
  stability: 12,
  difficulty: 5.5,
  retrievability: 0.93,
  reps: 3,
  lapses: 0,
  timeZone: "UTC",
  reviews: [],
  ...fields,
});

function figure(name: string): string {
  const term = screen.getByText(name);
  return term.nextElementSibling?.textContent ?? "";
}

describe("a card's history", () => {
  it("shows no stability or difficulty for a card made new again by a reset", () => {
    render(<MemoryState card={card({ state: 0, stability: 0, difficulty: 0, retrievability: null, reps: 3 })} now={NOW} />);
    expect(figure("Stability")).toBe("–");
    expect(figure("Difficulty")).toBe("–");
    expect(figure("Reviews")).toBe("3");
  });

  it("shows a studied card's memory state", () => {
    render(<MemoryState card={card({})} now={NOW} />);
    expect(figure("Stability")).toBe("12 days");
    expect(figure("Difficulty")).toBe("50%");
  });

  it("lists a reset as a reset, beside the grades", () => {
    render(
      <ReviewTimeline
        timeZone="UTC"
        reviews={[
          { id: "r", kind: "RESET", grade: 0, reviewedAt: NOW, stateBefore: 2, intervalMs: 0, durationMs: 0, undone: false },
          {
            id: "g",
            kind: "GRADE",
            grade: 3,
            reviewedAt: new Date(NOW.getTime() - 86_400_000),
            stateBefore: 0,
            intervalMs: 600_000,
            durationMs: 4000,
            undone: false,
          },
        ]}
      />,
    );
    const [reset, grade] = screen.getAllByTestId("timeline-review");
    expect(within(reset).getByText("Reset")).toBeTruthy();
    expect(reset.textContent).toContain("Review card · made new again");
    expect(reset.textContent).not.toContain("answered in");
    expect(within(grade).getByText("Good")).toBeTruthy();
    expect(grade.textContent).toContain("answered in 4s");
  });
});
