import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { watchCspViolations } from "../helpers/browser";
import { signUp, useAppAndBrowser } from "../helpers/e2e";
import { parseDeck } from "@/lib/decks/parse-deck";
import { readBuiltInDeckFiles } from "@/prisma/seed";

/*
 * The third built-in deck, Risks, forecasting and governance: offered to a new user on /decks but
 * not enrolled, and studied from there. MESA_SCREENSHOTS_DIR, when set, keeps screenshots of /decks
 * and of two of the deck's cards at 1280 and 390 px.
 */

jest.setTimeout(180_000);

const app = useAppAndBrowser();
const SHOTS = process.env.MESA_SCREENSHOTS_DIR;
const SLUG = "risks-and-governance";

const deckFile = readBuiltInDeckFiles().find((file) => file.name === `${SLUG}.md`)!;
const parsed = parseDeck(deckFile.text);
if (!parsed.ok) throw new Error(parsed.errors.join("; "));
const deck = parsed.deck;

async function snap(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

async function deckPanel(page: Page) {
  const panel = page.getByTestId(`deck-${SLUG}`);
  return {
    status: await panel.getByTestId("deck-status").textContent(),
    concepts: Number(await panel.getByTestId("deck-concepts").textContent()),
    studied: (await panel.getByTestId("deck-studied").textContent())?.replace(/\s+/g, " "),
  };
}

/** Reveals the card on screen and returns the concept it belongs to, by the term shown on either side. */
async function revealAndIdentify(page: Page) {
  await page.getByTestId("reveal").waitFor();
  await page.keyboard.press("Space");
  await page.getByTestId("card-back").waitFor();
  const text = `${await page.getByTestId("card-front").textContent()} ${await page.getByTestId("card-back").textContent()}`;
  const concept = deck.concepts.find((c) => text.includes(c.term) && text.includes(c.definition.slice(0, 60)));
  expect(concept).toBeDefined();
  return concept!;
}

it("offers the deck to a new user on /decks without enrolling or announcing it, and its cards review with their cross-deck confusables", async () => {
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cspViolations = await watchCspViolations(page);
  await signUp(page, app.server.baseUrl, "newcomer");
  expect(await page.getByTestId("new-deck").count()).toBe(0);

  await page.goto(`${app.server.baseUrl}/decks`);
  expect(await deckPanel(page)).toEqual({
    status: "Not added",
    concepts: deck.concepts.length,
    studied: `${deck.concepts.length * 2} when you add it`,
  });
  await expect(page.getByTestId(`deck-${SLUG}`).textContent()).resolves.toContain("Risks, forecasting and governance");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yViolations(page, "decks at 390 px with the risks deck not added");
  await snap(page, "decks");

  await page.getByTestId(`deck-${SLUG}`).getByTestId("study-deck").click();
  await page.getByTestId(`deck-${SLUG}`).getByTestId("deck-status").filter({ hasText: "Studying" }).waitFor();
  await page.getByTestId(`deck-${SLUG}`).getByTestId("review-deck").click();
  await page.waitForURL(`${app.server.baseUrl}/review?deck=${SLUG}`);

  // The first new card is the deck's first concept, whose confusable lives in the glossary.
  const first = await revealAndIdentify(page);
  expect(first.slug).toBe("ai-alignment");
  await expect(page.getByTestId("confused-with").textContent()).resolves.toContain("Intent alignment");
  await expectNoSeriousA11yViolations(page, "a risks-deck card revealed");
  await snap(page, "card-1");
  await page.keyboard.press("3");

  const second = await revealAndIdentify(page);
  expect(second.slug).not.toBe(first.slug);
  await snap(page, "card-2");

  expect(await cspViolations()).toEqual([]);
  await context.close();
});
