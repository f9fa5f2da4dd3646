import { execFileSync } from "node:child_process";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { signUp, useAppAndBrowser } from "../helpers/e2e";

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, "../..");
/** A second deck (linking into the first), shipped to the running server after the first user signed up. */
const EXTRA_DECKS = path.join(__dirname, "../fixtures/decks/extra");

const app = useAppAndBrowser();

/**
 * Ships the extra deck the way an update does: the seed runs again against the same database
 * (without the migrate step, which cannot take the schema lock while the server holds the file).
 */
function shipExtraDeck(): void {
  execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "prisma/seed.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${app.server.databaseFile}`, MESA_EXTRA_DECKS_DIR: EXTRA_DECKS },
    stdio: "pipe",
  });
}

async function collectionSize(page: Page): Promise<number> {
  const text = (await page.getByText(/cards? in your collection/).textContent()) ?? "";
  return Number(text.match(/(\d+) cards? in your collection/)?.[1]);
}

async function deckNumbers(page: Page, slug: string) {
  const panel = page.getByTestId(`deck-${slug}`);
  return {
    status: await panel.getByTestId("deck-status").textContent(),
    concepts: Number(await panel.getByTestId("deck-concepts").textContent()),
    studied: (await panel.getByTestId("deck-studied").textContent())?.replace(/\s+/g, " "),
  };
}

/** Clicks a deck button and waits until the page shows the new state. */
async function choose(page: Page, slug: string, button: "study-deck" | "stop-deck", expectedStatus: string): Promise<void> {
  const panel = page.getByTestId(`deck-${slug}`);
  await panel.getByTestId(button).click();
  await panel.getByTestId("deck-status").filter({ hasText: expectedStatus }).waitFor();
}

async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${where}: ${v.id}`);
  expect(serious).toEqual([]);
}

it("offers a newly shipped deck to an existing user, who adds it in one click, stops it and studies it again", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(String(error)));

  await signUp(page, app.server.baseUrl, "early");
  const firstDeckOnly = await collectionSize(page);
  expect(firstDeckOnly).toBeGreaterThan(0);
  expect(await page.getByTestId("new-deck").count()).toBe(0);

  shipExtraDeck();
  await page.reload();
  const offer = page.getByTestId("new-deck");
  await offer.getByText("New deck available: A second test deck").waitFor();
  await expectNoSeriousA11yViolations(page, "home with a deck offer");
  await offer.getByRole("button", { name: "Add" }).click();
  await offer.waitFor({ state: "detached" });
  expect(await collectionSize(page)).toBe(firstDeckOnly + 4);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Decks" }).click();
  await page.waitForURL(`${app.server.baseUrl}/decks`);
  expect(await deckNumbers(page, "extra-deck")).toEqual({ status: "Studying", concepts: 2, studied: "0 / 4" });
  await expectNoSeriousA11yViolations(page, "decks");

  // A review of this deck only shows its cards.
  await page.getByTestId("deck-extra-deck").getByTestId("review-deck").click();
  await page.waitForURL(`${app.server.baseUrl}/review?deck=extra-deck`);
  await page.getByTestId("reveal").waitFor();
  expect(await page.getByTestId("card-front").textContent()).toContain("Extra concept one");
  await page.keyboard.press("Space");
  await page.getByTestId("card-back").waitFor();
  await page.keyboard.press("3");
  await page.getByTestId("reveal").waitFor();
  expect(await page.getByTestId("card-front").textContent()).toContain("Extra concept two");

  await page.goto(`${app.server.baseUrl}/decks`);
  expect((await deckNumbers(page, "extra-deck")).studied).toBe("1 / 4");
  await choose(page, "extra-deck", "stop-deck", "Stopped");
  expect((await deckNumbers(page, "extra-deck")).studied).toBe("1 / 4");
  await page.goto(`${app.server.baseUrl}/`);
  expect(await collectionSize(page)).toBe(firstDeckOnly);
  await page.goto(`${app.server.baseUrl}/review?deck=extra-deck`);
  expect(await page.getByRole("heading", { name: "This page does not exist" }).count()).toBe(1);

  await page.goto(`${app.server.baseUrl}/decks`);
  await choose(page, "extra-deck", "study-deck", "Studying");
  expect((await deckNumbers(page, "extra-deck")).studied).toBe("1 / 4");
  await page.goto(`${app.server.baseUrl}/`);
  expect(await collectionSize(page)).toBe(firstDeckOnly + 4);

  expect(problems).toEqual([]);
  await context.close();
});

it("starts a new user with the first deck only; the other deck is offered on /decks, not announced", async () => {
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signUp(page, app.server.baseUrl, "late");
  expect(await page.getByTestId("new-deck").count()).toBe(0);
  await page.goto(`${app.server.baseUrl}/decks`);
  expect((await deckNumbers(page, "learned-optimization")).status).toBe("Studying");
  expect(await deckNumbers(page, "extra-deck")).toEqual({ status: "Not added", concepts: 2, studied: "4 when you add it" });
  await expectNoSeriousA11yViolations(page, "decks at 390 px, a deck not added");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await context.close();
});
