/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { ReviewSession, type GradeRequest } from "@/components/review/review-session";
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
    definitionHtml: { __html: `<p>Definition of ${id}.</p>` },
    examplesHtml: [],
    wording: null,
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

function queue(cards: ReviewCardDTO[], extra: Partial<ReviewQueueDTO> = {}): ReviewQueueDTO {
  return {
    cards,
    learningLater: [],
    dayEnd: new Date("2025-03-11T04:00:00.000Z"),
    deck: null,
    heldBack: null,
    timeZone: "UTC",
    ...extra,
  };
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});

afterEach(() => {
  jest.useRealTimers();
});

function renderSession(
  cards: ReviewCardDTO[],
  gradeAction: (input: { cardId: string }) => Promise<ActionResult<CardUpdateDTO>>,
  { extra = {}, loadedAt = NOW }: { extra?: Partial<ReviewQueueDTO>; loadedAt?: number } = {},
) {
  return render(
    <ReviewSession
      initial={queue(cards, extra)}
      loadedAt={new Date(loadedAt).toISOString()}
      gradeAction={gradeAction}
      undoAction={() => Promise.reject(new Error("no undo here"))}
      moreNewCardsAction={() => Promise.resolve({ ok: true, data: { extraToday: 10 } })}
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

it("asks with a grade for the previews of the next cards that lack them, and shows them on those cards' buttons", async () => {
  const withoutPreviews = (id: string) => ({ ...card(id), previews: [] });
  const requests: GradeRequest[] = [];
  renderSession([card("a"), withoutPreviews("b"), withoutPreviews("c")], (input) => {
    requests.push(input as GradeRequest);
    return Promise.resolve({
      ok: true,
      data: {
        cardId: input.cardId,
        version: 1,
        scheduling: scheduling(NOW + 3 * 86_400_000),
        previews: [],
        upcoming: [
          { cardId: "b", previews: ([1, 2, 3, 4] as const).map((grade) => ({ grade, intervalMs: grade * 86_400_000 })) },
        ],
      },
    });
  });

  fireEvent.click(screen.getByTestId("reveal"));
  expect(screen.getByTestId("grade-3").textContent).toBe("Good3m");
  await act(async () => {
    fireEvent.click(screen.getByTestId("grade-3"));
    await jest.advanceTimersByTimeAsync(0);
  });
  expect(requests[0].previewFor).toEqual(["b", "c"]);

  fireEvent.click(screen.getByTestId("reveal"));
  expect(screen.getByText("Term b")).toBeTruthy();
  expect(screen.getByTestId("grade-3").textContent).toBe("Good3d");
  expect(screen.getByTestId("grade-1").textContent).toBe("Again1d");
  await act(async () => {
    fireEvent.click(screen.getByTestId("grade-3"));
    await jest.advanceTimersByTimeAsync(0);
  });
  // Only c still lacks them; the answer above brought none for it, so its buttons grade without an interval.
  expect(requests[1].previewFor).toEqual(["c"]);
  fireEvent.click(screen.getByTestId("reveal"));
  expect(screen.getByText("Term c")).toBeTruthy();
  expect(screen.getAllByRole("button", { name: /^(Again|Hard|Good|Easy)$/ })).toHaveLength(4);
  await act(async () => {
    fireEvent.click(screen.getByTestId("grade-4"));
    await jest.advanceTimersByTimeAsync(0);
  });
  expect(requests.map((r) => [r.cardId, r.grade])).toEqual([
    ["a", 3],
    ["b", 3],
    ["c", 4],
  ]);
  expect(requests[2].previewFor).toBeUndefined();
});

it("counts what is left by kind, as new, learning and review", () => {
  renderSession(
    [card("a"), { ...card("n"), scheduling: scheduling(NOW, CardState.New) }],
    () => Promise.resolve({ ok: false, error: "unused" }),
    { extra: { learningLater: [{ ...card("l"), scheduling: scheduling(NOW + 30 * MINUTE, CardState.Learning) }] } },
  );

  expect(screen.getByTestId("cards-left").textContent).toBe("Left in this session: 1 new · 1 learning · 1 review");
});

it("takes the server's clock for due times: a learning card due by the server's time is shown at once", () => {
  const serverNow = NOW + 2 * 86_400_000;
  renderSession([], () => Promise.resolve({ ok: false, error: "unused" }), {
    loadedAt: serverNow,
    extra: {
      dayEnd: new Date(serverNow + 86_400_000),
      learningLater: [{ ...card("l"), scheduling: scheduling(serverNow - MINUTE, CardState.Learning) }],
    },
  });

  expect(screen.getByText("Term l")).toBeTruthy();
});

it("on a one-deck review with nothing left, names the deck and says the limit holds back its new cards", () => {
  renderSession([], () => Promise.resolve({ ok: false, error: "unused" }), {
    extra: {
      deck: { slug: "ai-safety-core", title: "AI-safety core glossary" },
      heldBack: {
        newPerDay: 20,
        extraToday: 0,
        introducedToday: 20,
        waiting: 146,
        decks: [{ slug: "ai-safety-core", title: "AI-safety core glossary", waiting: 146 }],
        nextNewAt: new Date("2025-03-11T04:00:00.000Z"),
        batch: 10,
      },
    },
  });

  expect(screen.getByTestId("review-deck-name").textContent).toBe("Only AI-safety core glossary · all decks");
  const summary = screen.getByTestId("session-summary").textContent;
  expect(summary).toContain("Today’s new cards are done");
  expect(summary).toContain("20 new cards a day: today’s are done. 146 more wait in this deck.");
  expect(summary).toContain("New cards come again tomorrow at 04:00.");
  expect(screen.getByTestId("more-new-cards").textContent).toBe("Study 10 more new cards today");
  expect(screen.getByTestId("new-limit-setting").getAttribute("href")).toBe("/settings#daily-limits");
});
