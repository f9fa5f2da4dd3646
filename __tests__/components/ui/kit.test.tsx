/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import { Card } from "@/components/ui/card";
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
