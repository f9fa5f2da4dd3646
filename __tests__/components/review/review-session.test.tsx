/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { ReviewSession } from "@/components/review/review-session";
import { CardState, type SchedulingState } from "@/lib/srs/card-state";
import type { ActionResult } from "@/lib/types/actions";
import type { CardUpdateDTO, ReviewCardDTO, ReviewQueueDTO } from "@/lib/types/review";

jest.mock("next/navigation", () => ({ useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }) }));

/*
 * The review screen in the browser's DOM: where keyboard focus goes and what the summary says.
 * The clock is fixed; the grade action answers at once.
 */

const NOW = Date.parse("2025-03-10T12:00:00.000Z");
const MINUTE = 60_000;

function scheduling(due: number, state: SchedulingState["state"] = CardState.Review): SchedulingState {
  return {
    due: new Date(due),
    stability: 1,
    difficulty: 5,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    state,
    lastReview: null,
  };
}

function card(id: string): ReviewCardDTO {
  return {
    id,
    version: 0,
    kind: "TERM_TO_DEFINITION",
    term: `Term ${id}`,
    definition: `Definition of ${id}.`,
    examples: [],
    aliases: [],
    confusedWith: [],
    sourceLocator: "Section 1",
    deckTitle: "Test deck",
    sourceTitle: "Test source",
    sourceUrl: "https://example.org/source",
    scheduling: scheduling(NOW),
    previews: ([1, 2, 3, 4] as const).map((grade) => ({ grade, intervalMs: grade * MINUTE })),
  };
}

function queue(cards: ReviewCardDTO[]): ReviewQueueDTO {
  return { cards, learningLater: [], dayEnd: new Date("2025-03-11T04:00:00.000Z") };
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});

afterEach(() => {
  jest.useRealTimers();
});

function renderSession(cards: ReviewCardDTO[], gradeAction: (input: { cardId: string }) => Promise<ActionResult<CardUpdateDTO>>) {
  return render(
    <ReviewSession
      initial={queue(cards)}
      loadedAt="load-1"
      gradeAction={gradeAction}
      undoAction={() => Promise.reject(new Error("no undo here"))}
      homeLink={<span>← Home</span>}
      summaryLink={<span>Back to home</span>}
    />,
  );
}

it("focuses the reveal button when a card appears, and again for the next card after a grade", async () => {
  renderSession([card("a"), card("b")], ({ cardId }) =>
    Promise.resolve({ ok: true, data: { cardId, version: 1, scheduling: scheduling(NOW + 3 * 86_400_000), previews: [] } }),
  );

  expect(document.activeElement).toBe(screen.getByTestId("reveal"));
  fireEvent.click(screen.getByTestId("reveal"));
  expect(screen.queryByTestId("reveal")).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getByTestId("grade-3"));
    await Promise.resolve();
  });

  expect(screen.getByText("Term b")).toBeTruthy();
  expect(document.activeElement).toBe(screen.getByTestId("reveal"));
});

it("says when the next learning card comes back, counted from the last grade", async () => {
  renderSession([card("a")], ({ cardId }) =>
    Promise.resolve({
      ok: true,
      data: { cardId, version: 1, scheduling: scheduling(NOW + 35 * MINUTE, CardState.Learning), previews: [] },
    }),
  );

  fireEvent.click(screen.getByTestId("reveal"));
  // Graded five minutes after it appeared, due half an hour after the grade (past the learn-ahead window).
  jest.setSystemTime(NOW + 5 * MINUTE);
  await act(async () => {
    fireEvent.click(screen.getByTestId("grade-1"));
    await jest.advanceTimersByTimeAsync(0);
  });

  expect(screen.getByTestId("session-summary").textContent).toContain("1 learning card comes back in 30m.");
});
