import type { Page } from "playwright-core";
import { buildAnkiPackage, sampleCollection } from "@/scripts/anki-fixtures";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { signedInPage, signUp, useAppAndBrowser } from "../helpers/e2e";
import { snap } from "../helpers/screenshots";

jest.setTimeout(240_000);

const app = useAppAndBrowser();

const { query } = app;

async function fitsAt390(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yViolations(page, `${name} at 390 px`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoSeriousA11yViolations(page, name);
}

it("uploads an Anki package, shows what it holds with the skipped cloze note, imports it with its history", async () => {
  const { context, page, base, problems, cspViolations } = await signedInPage(app, "AnkiMover");

  await page.goto(`${base}/import`);
  await page.getByRole("heading", { name: "Anki package (.apkg, .colpkg)" }).waitFor();
  await page.getByLabel("Anki package", { exact: true }).setInputFiles({
    name: "AI Safety.apkg",
    mimeType: "application/octet-stream",
    buffer: Buffer.from(buildAnkiPackage(sampleCollection(), "anki21b")),
  });
  await page.getByTestId("apkg-upload").click();

  const summary = page.getByTestId("apkg-summary");
  await summary.waitFor({ timeout: 60_000 });
  await page.getByTestId("apkg-plan").getByText("4 concepts").waitFor();
  expect(await summary.getByRole("heading", { level: 3 }).first().textContent()).toBe("AI Safety");
  expect(await page.getByTestId("apkg-warnings").textContent()).toContain("1 cloze note skipped");
  await summary.getByText("Notes left out (1)").click();
  expect(await page.getByTestId("apkg-skipped").textContent()).toMatch(/Note 1003:.*cloze/);
  expect(await page.getByLabel("New deck title").inputValue()).toBe("AI Safety");
  const reviewsBrought = await page.getByTestId("apkg-plan").textContent();
  expect(reviewsBrought).toMatch(/\d+ reviews will be brought/);
  await snap(page, "apkg-summary");
  await fitsAt390(page, "Anki package summary");

  await page.getByTestId("apkg-confirm").click();
  const outcome = page.getByTestId("apkg-outcome");
  await outcome.waitFor({ timeout: 60_000 });
  expect(await outcome.textContent()).toMatch(/4 concepts added, 0 updated, 0 already there; \d+ reviews brought onto \d+ cards/);
  await snap(page, "apkg-outcome");
  await fitsAt390(page, "Anki package outcome");

  await page.getByTestId("apkg-open-deck").click();
  await page.waitForURL(/\/decks\/mine\/[a-z0-9]+$/);
  const deckId = page.url().split("/").pop()!;
  const terms = query<{ term: string }>(`SELECT "term" FROM "Concept" WHERE "deckId" = ? ORDER BY "term"`, deckId);
  expect(terms.map((row) => row.term)).toEqual(["Base optimizer", "Deceptive alignment", "Evil", "Mesa-optimizer"]);
  const logs = query<{ n: number }>(
    `SELECT count(*) AS n FROM "ReviewLog" r JOIN "Card" c ON c."id" = r."cardId" WHERE c."deckId" = ?`,
    deckId,
  )[0].n;
  expect(logs).toBeGreaterThan(0);

  // The history came along: the card's page lists the answers given in Anki.
  const row = page.getByTestId("own-concepts").getByRole("listitem").filter({ hasText: "Mesa-optimizer" });
  await row.getByRole("link", { name: "History" }).click();
  await page.waitForURL(/\/cards\//);
  const reviews = page.locator("section[aria-labelledby=history]");
  expect(await reviews.textContent()).toMatch(/[1-9]\d* reviews?/);
  expect(await reviews.textContent()).toContain("2025");
  await snap(page, "apkg-card-history");

  // The same package again: planned against the deck it went into (chosen from the list), it
  // would add nothing; importing it adds nothing.
  await page.goto(`${base}/import`);
  await page.getByLabel("Anki package", { exact: true }).setInputFiles({
    name: "AI Safety.apkg",
    mimeType: "application/octet-stream",
    buffer: Buffer.from(buildAnkiPackage(sampleCollection(), "anki21b")),
  });
  await page.getByTestId("apkg-upload").click();
  await page.getByTestId("apkg-summary").waitFor({ timeout: 60_000 });
  await page.getByLabel("Deck", { exact: true }).selectOption({ label: "AI Safety" });
  await page.getByTestId("apkg-plan").getByText("4 concepts").filter({ hasText: "4 concepts" }).waitFor();
  await page.getByTestId("apkg-plan").getByText("0 reviews").waitFor();
  expect(await page.getByTestId("apkg-plan").textContent()).toMatch(/0 concepts will be added.*4 concepts already there/);
  await page.getByTestId("apkg-confirm").click();
  await page.getByTestId("apkg-outcome").waitFor({ timeout: 60_000 });
  expect(await page.getByTestId("apkg-outcome").textContent()).toContain(
    "0 concepts added, 0 updated, 4 already there; 0 reviews",
  );
  expect(
    query<{ n: number }>(
      `SELECT count(*) AS n FROM "ReviewLog" r JOIN "Card" c ON c."id" = r."cardId" WHERE c."deckId" = ?`,
      deckId,
    )[0].n,
  ).toBe(logs);

  expect(problems).toEqual([]);
  expect(await cspViolations()).toEqual([]);
  await context.close();
});

it("says clearly when a file is not an Anki package, and imports nothing", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const base = app.server.baseUrl;
  await signUp(page, base, "WrongFile");
  const before = query<{ n: number }>(`SELECT count(*) AS n FROM "Concept"`)[0].n;

  await page.goto(`${base}/import`);
  await page.getByLabel("Anki package", { exact: true }).setInputFiles({
    name: "notes.apkg",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("Front\tBack\nterm\tdefinition\n"),
  });
  await page.getByTestId("apkg-upload").click();
  const failed = page.getByTestId("apkg-failed");
  await failed.waitFor({ timeout: 60_000 });
  expect(await failed.getByRole("alert").first().textContent()).toMatch(/zip/i);
  expect(await failed.textContent()).toContain("Nothing was imported.");
  expect(query<{ n: number }>(`SELECT count(*) AS n FROM "Concept"`)[0].n).toBe(before);
  await context.close();
});
