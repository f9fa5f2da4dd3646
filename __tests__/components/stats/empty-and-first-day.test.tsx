/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import { Heatmap } from "@/components/stats/heatmap";
import { RetentionTable } from "@/components/stats/retention-table";
import { ReviewsChart } from "@/components/stats/reviews-chart";
import { daysEnding } from "@/lib/stats/days";
import type { RetentionPeriod, RetentionRowDTO } from "@/lib/types/stats";

const TODAY = "2026-03-07";
const EMPTY_CELL = { passed: 0, total: 0, rate: null };
const PERIODS: RetentionPeriod[] = ["today", "yesterday", "week", "month", "year"];
const noReviews = (day: string) => ({ day, new: 0, learning: 0, review: 0, durationMs: 0 });

describe("statistics with no data", () => {
  it("shows one sentence instead of a grid of empty retention cells", () => {
    const rows: RetentionRowDTO[] = PERIODS.map((period) => ({
      period,
      days: 1,
      young: EMPTY_CELL,
      mature: EMPTY_CELL,
      all: EMPTY_CELL,
    }));
    render(<RetentionTable rows={rows} />);
    expect(screen.getByTestId("chart-empty").textContent).toMatch(/^No reviews of cards in review yet/);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.queryByText("no reviews")).toBeNull();
  });

  it("draws no empty reviews chart or heatmap, and says so", () => {
    render(<ReviewsChart days={daysEnding(TODAY, 30).map(noReviews)} />);
    expect(screen.getByTestId("chart-empty").textContent).toBe("No reviews in the last 30 days.");
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("draws no empty heatmap", () => {
    render(<Heatmap calendar={[]} today={TODAY} marked={new Set()} />);
    expect(screen.getByTestId("chart-empty")).toBeTruthy();
    expect(screen.queryByRole("img")).toBeNull();
  });
});

describe("statistics after one study day", () => {
  it("keeps only the retention periods that have reviews", () => {
    const cell = { passed: 9, total: 10, rate: 0.9 };
    const rows: RetentionRowDTO[] = PERIODS.map((period) => ({
      period,
      days: 1,
      young: period === "yesterday" ? EMPTY_CELL : cell,
      mature: EMPTY_CELL,
      all: period === "yesterday" ? EMPTY_CELL : cell,
    }));
    render(<RetentionTable rows={rows} />);
    const table = screen.getByRole("table");
    const heads = within(table)
      .getAllByRole("rowheader")
      .map((th) => th.textContent);
    expect(heads).toEqual(["Today", "7 days", "30 days", "Year"]);
    expect(within(table).getAllByText("90.0%")).toHaveLength(8);
  });

  it("draws a week of bars, one of them today's, rather than one bar at the edge of thirty days", () => {
    const days = daysEnding(TODAY, 30).map(noReviews);
    days[29] = { day: TODAY, new: 20, learning: 30, review: 5, durationMs: 11 * 60_000 };
    const { container } = render(<ReviewsChart days={days} />);
    // Narrow and wide drawings of the reviews chart: 3 series on the one active day each.
    const reviewsSvg = container.querySelectorAll("svg[role=img]")[1];
    expect(reviewsSvg.querySelector("title")?.textContent).toBe("Reviews per day");
    expect(reviewsSvg.querySelectorAll("rect")).toHaveLength(3);
    // The one bar takes a seventh of the plot, not a thirtieth.
    const barWidth = Number(reviewsSvg.querySelector("rect")!.getAttribute("width"));
    expect(barWidth).toBeGreaterThan(600 / 7 / 2);
    expect(reviewsSvg.querySelector("desc")?.textContent).toMatch(/^55 reviews on 1 of 30 study days: /);
  });

  it("paints 55 reviews on a first day in the second darkest shade, and says so in its legend", () => {
    const { container } = render(<Heatmap calendar={[{ day: TODAY, count: 55 }]} today={TODAY} marked={new Set([TODAY])} />);
    const cell = [...container.querySelectorAll("rect")].find((r) =>
      r.querySelector("title")?.textContent?.endsWith("55 reviews"),
    );
    expect(cell?.parentElement?.getAttribute("class")).toBe("fill-accent-600 dark:fill-accent-500");
    expect(screen.getByText("30–59")).toBeTruthy();
    expect(screen.getByText(/Daily goal met \(1 day\)/)).toBeTruthy();
  });
});
