/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ChartFrame } from "@/components/ui/chart-frame";
import { DataTable } from "@/components/ui/data-table";
import { SelectField } from "@/components/ui/select-field";
import { Stat, StatList } from "@/components/ui/stat";
import { cn } from "@/components/ui/cn";
import { NavLink, navItemClass } from "@/components/ui/nav-link";

describe("cn", () => {
  it("joins conditional classes and lets a later Tailwind class win for the same property", () => {
    expect(cn("px-6 py-3 text-base", false && "hidden", null, ["px-10", { "text-lg": true, underline: false }])).toBe(
      "py-3 px-10 text-lg",
    );
    expect(cn("text-3xl", "dark:text-accent-400", "text-accent-600")).toBe("text-3xl dark:text-accent-400 text-accent-600");
  });
});

describe("Card", () => {
  it("draws the bordered panel as the element asked for, with the caller's spacing and attributes", () => {
    render(
      <Card as="section" size="lg" aria-label="Today" className="px-6 py-8">
        content
      </Card>,
    );
    const card = screen.getByRole("region", { name: "Today" });
    expect(card.tagName).toBe("SECTION");
    expect(card.className.split(" ").sort()).toEqual(
      "border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900 rounded-3xl shadow-sm px-6 py-8"
        .split(" ")
        .sort(),
    );
  });

  it("is a small, flat panel by default", () => {
    render(<Card data-testid="stat">1</Card>);
    const card = screen.getByTestId("stat");
    expect(card.tagName).toBe("DIV");
    expect(card.className).toContain("rounded-2xl");
    expect(card.className).not.toContain("shadow-sm");
  });
});

describe("NavLink", () => {
  it("is a link with the quiet nav look, and buttons among links can share it", () => {
    render(
      <NavLink href="/review" className="truncate">
        Review
      </NavLink>,
    );
    const link = screen.getByRole("link", { name: "Review" });
    expect(link.getAttribute("href")).toBe("/review");
    expect(link.className).toBe(navItemClass("md", "truncate"));
    expect(navItemClass("sm")).toContain("px-2 py-1 ");
    expect(navItemClass()).toContain("px-2 py-1.5 sm:px-3");
  });
});

describe("Stat", () => {
  it("is a term and its value in a list, the value never wrapping, and the value pinned to the bottom", () => {
    render(
      <StatList label="Counts">
        <Stat label="Reviewed today" value={21} testId="reviewed" framed />
        <Stat label="Time" value="1m 46s" testId="time" />
      </StatList>,
    );
    const list = screen.getByLabelText("Counts");
    expect(list.tagName).toBe("DL");
    expect(within(list).getByText("Reviewed today").tagName).toBe("DT");
    const time = screen.getByTestId("time");
    expect(time.tagName).toBe("DD");
    expect(time.textContent).toBe("1m 46s");
    expect(time.className).toContain("whitespace-nowrap");
    for (const value of [time, screen.getByTestId("reviewed")]) {
      expect(value.parentElement!.className).toContain("justify-between");
    }
    expect(screen.getByTestId("reviewed").parentElement!.className).toContain("rounded-2xl");
  });
});

describe("DataTable", () => {
  it("puts the first cell of each row in a row header, and a total row last", () => {
    render(
      <DataTable
        visible
        caption="By kind"
        head={["Kind", "Right"]}
        rows={[["Typed", "3 / 4"]]}
        totalRow={["All kinds", "3 / 4"]}
      />,
    );
    const table = screen.getByRole("table", { name: "By kind" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Kind", "Right"]);
    expect(
      within(table)
        .getAllByRole("rowheader")
        .map((th) => th.textContent),
    ).toEqual(["Typed", "All kinds"]);
    expect(table.parentElement!.className).not.toContain("sr-only");
  });

  it("is for screen readers only unless asked to show", () => {
    render(<DataTable caption="Behind the chart" head={["Day", "Reviews"]} rows={[["Mon", 3]]} />);
    expect(screen.getByRole("table", { name: "Behind the chart" }).parentElement!.className).toBe("sr-only");
  });
});

describe("ChartFrame", () => {
  it("shows the chart and its table, or only the empty message when there is nothing to draw", () => {
    const table = { caption: "Numbers", head: ["Day", "Reviews"], rows: [["Mon", 3]] };
    const { rerender } = render(
      <ChartFrame table={table} empty={null}>
        <svg role="img" aria-label="chart" />
      </ChartFrame>,
    );
    expect(screen.getByRole("img", { name: "chart" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "Numbers" })).toBeTruthy();
    expect(screen.queryByTestId("chart-empty")).toBeNull();
    rerender(
      <ChartFrame table={table} empty="Nothing yet.">
        <svg role="img" aria-label="chart" />
      </ChartFrame>,
    );
    expect(screen.getByTestId("chart-empty").textContent).toBe("Nothing yet.");
    expect(screen.queryByRole("img")).toBeNull();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("Button", () => {
  it("while pending is disabled, busy, and says what it is doing", () => {
    const { rerender } = render(<Button pendingText="Starting quiz…">Start quiz</Button>);
    const button = screen.getByRole("button");
    expect(button.textContent).toBe("Start quiz");
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(button.getAttribute("aria-busy")).toBeNull();
    rerender(
      <Button pending pendingText="Starting quiz…">
        Start quiz
      </Button>,
    );
    expect(button.textContent).toBe("Starting quiz…");
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(button.getAttribute("aria-busy")).toBe("true");
    expect(screen.getByTestId("button-pending").getAttribute("aria-hidden")).toBe("true");
  });
});

describe("SelectField", () => {
  it("labels the select and ties its error, or else its hint, to it", () => {
    const { rerender } = render(
      <SelectField label="Time zone" name="timeZone" hint="Decides your study day." defaultValue="UTC">
        <option value="UTC">UTC</option>
      </SelectField>,
    );
    const select = screen.getByLabelText("Time zone");
    expect(select.tagName).toBe("SELECT");
    expect(select.getAttribute("name")).toBe("timeZone");
    expect(select.getAttribute("aria-describedby")).toBe("timeZone-hint");
    expect(select.getAttribute("aria-invalid")).toBeNull();
    rerender(
      <SelectField label="Time zone" name="timeZone" hint="Decides your study day." error="Unknown time zone" defaultValue="UTC">
        <option value="UTC">UTC</option>
      </SelectField>,
    );
    expect(select.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(select.getAttribute("aria-describedby")!)?.textContent).toBe("Unknown time zone");
    expect(screen.queryByText("Decides your study day.")).toBeNull();
  });

  it("can keep its label for screen readers only", () => {
    render(
      <SelectField label="Deck" labelHidden name="quiz-deck">
        <option>One</option>
      </SelectField>,
    );
    expect(screen.getByText("Deck").className).toBe("sr-only");
    expect(screen.getByLabelText("Deck").tagName).toBe("SELECT");
  });
});
