import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { watchCspViolations } from "../helpers/browser";
import { signUp, useAppAndBrowser } from "../helpers/e2e";
import { snap } from "../helpers/screenshots";

/*
 * The card browser in Chromium: a search with two filters, the inline error of a bad filter,
 * two rows selected (the second by shift-click) and suspended, a reviewed card reset and its
 * "Reset" entry in its history, and the way back to the list with the search kept. At 1280 and
 * 390 px; MESA_SCREENSHOTS_DIR, when set, keeps screenshots of the list and the error.
 */

jest.setTimeout(240_000);

const app = useAppAndBrowser();

const { query } = app;

async function search(page: Page, text: string): Promise<void> {
  const box = page.getByRole("searchbox", { name: "Search cards" });
  await box.fill(text);
  await box.press("Enter");
  await page.waitForURL((url) => url.pathname === "/cards" && url.searchParams.get("q") === text);
  // The list's selection works once the page has hydrated (there is no list after a bad search).
  if ((await page.getByTestId("search-error").count()) === 0) await page.locator("[data-ready]").waitFor();
}

async function total(page: Page): Promise<string> {
  return ((await page.getByTestId("card-total").textContent()) ?? "").trim();
}

async function noHorizontalScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
}

for (const width of [1280, 390]) {
  it(`searches, shows a bad filter's error, suspends two cards and resets one, at ${width} px`, async () => {
    const context = await app.browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(String(error)));
    const cspViolations = await watchCspViolations(page);
    const username = `browser${width}`;
    await signUp(page, app.server.baseUrl, username);
    const [{ id: userId }] = query<{ id: string }>(`SELECT "id" FROM "User" WHERE "usernameKey" = ?`, username);

    // One review, so that there is a card with history to reset.
    await page.goto(`${app.server.baseUrl}/review`);
    await page.getByTestId("reveal").waitFor();
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await page.keyboard.press("3");
    for (
      let waited = 0;
      waited < 10_000 && query(`SELECT 1 FROM "ReviewLog" WHERE "userId" = ?`, userId).length < 1;
      waited += 100
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // The header links to the browser.
    await page.goto(`${app.server.baseUrl}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cards" }).click();
    await page.waitForURL(`${app.server.baseUrl}/cards`);
    expect(await total(page)).toMatch(/^\d+ cards · page 1 of \d+$/);
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next →" }).click();
    await page.waitForURL(`${app.server.baseUrl}/cards?page=2`);
    expect(await total(page)).toMatch(/^\d+ cards · page 2 of \d+$/);

    // Two filters and a word.
    await search(page, "optimiz is:new tag:foundations");
    const matches = Number((await total(page)).match(/^(\d+) cards match/)?.[1]);
    expect(matches).toBeGreaterThan(2);
    const terms = await page.getByTestId("card-row").locator("th a").allTextContents();
    expect(terms.length).toBe(Math.min(matches, 50));
    expect(terms.some((term) => /optimiz/i.test(term))).toBe(true);
    await noHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page, "/cards with a search");
    await snap(page, "cards-list", { themes: true });

    // A bad filter: named inline, nothing listed, no error page.
    await search(page, "optimiz foo:bar");
    await page.getByTestId("search-error").waitFor();
    expect(await page.getByTestId("search-error").textContent()).toContain('unknown filter "foo:"');
    expect(await page.getByRole("searchbox", { name: "Search cards" }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("card-row").count()).toBe(0);
    await noHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page, "/cards with a bad filter");
    await snap(page, "cards-search-error", { themes: true });

    // Select two rows (the second by shift-click from the first: a range of two) and suspend them.
    await search(page, "optimiz is:new tag:foundations");
    const boxes = page.getByTestId("row-checkbox");
    await boxes.nth(0).click();
    await boxes.nth(1).click({ modifiers: ["Shift"] });
    expect(await page.getByTestId("selected-count").textContent()).toBe("2 cards selected");
    await snap(page, "cards-selected", { themes: true });
    await page.getByRole("button", { name: "Suspend", exact: true }).click();
    await page.getByTestId("bulk-message").filter({ hasText: "Suspended 2 cards." }).waitFor();
    await page.getByTestId("suspended-badge").nth(1).waitFor();
    expect(query(`SELECT 1 FROM "Card" WHERE "userId" = ? AND "suspended" = 1`, userId)).toHaveLength(2);
    await search(page, "is:suspended");
    expect(await total(page)).toBe("2 cards match");

    // Reset the reviewed card, then open it: its history shows the reset; the way back keeps the search.
    await search(page, "is:learning");
    expect(await total(page)).toBe("1 card match");
    await boxes.nth(0).click();
    await page.getByRole("button", { name: "Reset…" }).click();
    await page.getByTestId("confirm-panel").waitFor();
    await page.getByTestId("confirm-action").click();
    await page.getByTestId("bulk-message").filter({ hasText: "Reset 1 card." }).waitFor();
    // The card is new again: the search for learning cards finds nothing now, and says what was done.
    await page.getByTestId("card-total").filter({ hasText: "No cards match this search." }).waitFor();
    expect(await page.getByTestId("bulk-message").textContent()).toBe("Reset 1 card.");
    expect(
      query<{ kind: string; grade: number }>(
        `SELECT "kind", "grade" FROM "ReviewLog" WHERE "userId" = ? ORDER BY "reviewedAt"`,
        userId,
      ),
    ).toEqual([
      { kind: "GRADE", grade: 3 },
      { kind: "RESET", grade: 0 },
    ]);
    await search(page, "rated:1");
    expect(await total(page)).toBe("1 card match");
    await page.getByTestId("card-row").locator("th a").first().click();
    await page.waitForURL((url) => url.pathname.startsWith("/cards/") && url.searchParams.get("back") === "/cards?q=rated%3A1");
    const timeline = page.getByTestId("timeline-review");
    expect(await timeline.count()).toBe(2);
    expect(await timeline.first().textContent()).toContain("Reset");
    await expectNoSeriousA11yViolations(page, "a card's history with a reset");
    await snap(page, "card-history-reset", { themes: true });
    await page.getByTestId("back-to-list").click();
    await page.waitForURL(`${app.server.baseUrl}/cards?q=rated%3A1`);
    expect(await page.getByRole("searchbox", { name: "Search cards" }).inputValue()).toBe("rated:1");

    // A back link to anywhere but the card browser is not offered.
    const cardId = query<{ id: string }>(`SELECT "cardId" AS "id" FROM "ReviewLog" WHERE "userId" = ? LIMIT 1`, userId)[0].id;
    await page.goto(`${app.server.baseUrl}/cards/${cardId}?back=${encodeURIComponent("https://example.org/cards?q=x")}`);
    expect(await page.getByTestId("back-to-list").count()).toBe(0);
    expect(await page.getByTestId("back-to-review").count()).toBe(1);

    expect(problems).toEqual([]);
    expect(await cspViolations()).toEqual([]);
    await context.close();
  });
}
