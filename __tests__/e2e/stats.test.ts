import type { Browser, Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { launchBrowser, watchCspViolations } from "../helpers/browser";

jest.setTimeout(240_000);

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The next card shows at once; this waits for the server action that stores the grade (or undo). */
async function saved(page: Page, act: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), act()]);
}

it("shows statistics for three reviews and a card's history from the review card's History link, under the CSP and axe", async () => {
  const context = await browser.newContext({ timezoneId: "Europe/Berlin", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cspViolations = await watchCspViolations(page);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));

  await page.goto(`${server.baseUrl}/sign-up`);
  await page.locator("form[data-ready]").waitFor();
  await page.getByLabel("Username").fill("Hopper");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${server.baseUrl}/`);

  await page.goto(`${server.baseUrl}/review`);
  for (let i = 0; i < 3; i++) {
    await page.getByTestId("reveal").waitFor();
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await saved(page, () => page.keyboard.press(i === 1 ? "1" : "3"));
  }
  await page.getByTestId("reveal").waitFor();

  await page.goto(`${server.baseUrl}/`);
  await page.getByRole("link", { name: "Stats" }).click();
  await page.waitForURL(`${server.baseUrl}/stats`);
  await page.getByRole("heading", { name: "Statistics" }).waitFor();
  await page.getByText("3 reviews on 1 of 30 days").waitFor();
  // Only reviews of cards in review count for retention: three new cards give none.
  expect(await page.locator("section[aria-labelledby=retention]").getByText("no reviews", { exact: true }).count()).toBe(15);
  expect(await page.getByRole("img", { name: "Reviews per study day over the last year" }).count()).toBe(1);
  await expectNoSeriousA11yViolations(page, "stats");

  await page.getByRole("link", { name: "1 year" }).click();
  await page.waitForURL(`${server.baseUrl}/stats?range=365`);
  await page.getByText("3 reviews on 1 of 365 days").waitFor();

  // The History link on the back of the card under review opens that card's history.
  await page.goto(`${server.baseUrl}/review`);
  await page.getByTestId("reveal").waitFor();
  await page.keyboard.press("Space");
  await page.getByTestId("card-back").waitFor();
  await saved(page, () => page.keyboard.press("3"));
  await page.getByTestId("reveal").waitFor();
  await saved(page, () => page.keyboard.press("z"));
  await page.getByTestId("reveal").waitFor();
  await page.keyboard.press("Space");
  await page.getByRole("link", { name: "History" }).click();
  await page.waitForURL(/\/cards\/[A-Za-z0-9_-]+$/);
  // The card's only review was undone: listed, struck through, marked.
  expect(await page.getByTestId("timeline-review").count()).toBe(1);
  expect(await page.locator('[data-testid="timeline-review"][data-undone="true"]').getByText("Undone").count()).toBe(1);
  await page.getByRole("heading", { name: "Memory" }).waitFor();
  await expectNoSeriousA11yViolations(page, "card history");

  const missing = await page.goto(`${server.baseUrl}/cards/no-such-card`);
  expect(missing?.status()).toBe(404);

  expect(await cspViolations()).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
});
