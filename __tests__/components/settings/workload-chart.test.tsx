/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import { WorkloadChart, workloadSummary } from "@/components/settings/workload-chart";
import type { WorkloadDTO } from "@/lib/types/workload";

const RETENTIONS = [0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97];
const workload: WorkloadDTO = {
  points: RETENTIONS.map((retention, i) => ({
    retention,
    reviewsPerDay: 20 + i * 10,
    minutesPerDay: 3 + i * 1.5,
    rememberedAtEnd: 800 + i * 20,
    minutesPerCardRemembered: i === 2 ? 1.1 : 1.5 + i * 0.1,
  })),
  best: 0.8,
  cards: 1000,
  days: 365,
  secondsPerReview: 7,
  current: 0.9,
};

describe("WorkloadChart", () => {
  it("says in words what a few retentions cost and which costs least per card remembered", () => {
    expect(workloadSummary(workload.points)).toBe("0.80: ~40 reviews a day; 0.85: ~50; 0.90: ~60; 0.95: ~80");
    render(<WorkloadChart workload={workload} />);
    expect(screen.getByTestId("workload-summary").textContent).toBe(
      "0.80: ~40 reviews a day; 0.85: ~50; 0.90: ~60; 0.95: ~80. Ringed: 0.80 costs the least time per card remembered (1.10 min, ~840 of 1000 remembered after a year). At your median 7 s a review.",
    );
  });

  it("is an image named and described for screen readers, with every figure in a table", () => {
    render(<WorkloadChart workload={workload} />);
    const [chart] = screen.getAllByRole("img", { name: "Workload by desired retention" });
    expect(chart.querySelector("desc")?.textContent).toMatch(/Least time per card remembered at 0\.80; yours is 0\.90\.$/);
    const table = screen.getByRole("table");
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(1 + RETENTIONS.length);
    expect(
      within(rows[3])
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["40", "6.0", "840", "1.10"]);
  });

  it("draws nothing for a learner without cards, and says why", () => {
    render(<WorkloadChart workload={{ ...workload, cards: 0 }} />);
    expect(screen.getByTestId("chart-empty").textContent).toBe(
      "Study some cards first: the workload is simulated from your own cards.",
    );
    expect(screen.queryByRole("img")).toBeNull();
  });
});
