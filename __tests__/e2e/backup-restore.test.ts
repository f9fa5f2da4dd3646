import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { Locator, Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { watchCspViolations } from "../helpers/browser";
import { signUp, useAppAndBrowser } from "../helpers/e2e";
import { snap } from "../helpers/screenshots";

jest.setTimeout(300_000);

const app = useAppAndBrowser();

const { query } = app;

/** Clicks a download link and saves the file it gives. */
async function download(page: Page, link: Locator, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

// A numbered glossary with bold terms and em dashes: a note style the parser's fixtures do not have.
const NOTES = [
  "Alignment reading group, week 5 (Ngo et al.)",
  "",
  "### Glossary",
  "1. **Reward hacking** — exploiting flaws in a reward signal to score highly without doing the intended task.",
  "2. **Situational awareness** — a model's knowledge that it is a model being trained, and of its circumstances.",
  "3. **Deceptive alignment** — behaving well during training in order to pursue other goals once deployed.",
  "",
  "Open question: how would we measure any of this?",
  "* [Ngo, Chan, Mindermann 2022](https://arxiv.org/abs/2209.00626)",
].join("\n");

interface CardRow {
  term: string;
  kind: string;
  state: number;
  due: string;
  stability: number;
  reps: number;
}

const cardsOf = (username: string, deckTitle: string) =>
  query<CardRow>(
    `SELECT c."term", k."kind", k."state", k."due", k."stability", k."reps" FROM "Card" k
     JOIN "Concept" c ON c."id" = k."conceptId" JOIN "Deck" d ON d."id" = k."deckId" JOIN "User" u ON u."id" = k."userId"
     WHERE u."username" = ? AND d."title" = ? ORDER BY c."term", k."kind"`,
    username,
    deckTitle,
  );

const reviewsOf = (username: string) =>
  query<{ cardId: string; term: string; kind: string; grade: number; reviewedAt: string; durationMs: number }>(
    `SELECT l."cardId", c."term", k."kind", l."grade", l."reviewedAt", l."durationMs" FROM "ReviewLog" l
     JOIN "Card" k ON k."id" = l."cardId" JOIN "Concept" c ON c."id" = k."conceptId" JOIN "User" u ON u."id" = l."userId"
     WHERE u."username" = ?`,
    username,
  );

it("imports notes, studies a card, exports the deck and a backup, and restores the backup into a new account", async () => {
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-backup-e2e-"));
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const base = app.server.baseUrl;
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  const cspViolations = await watchCspViolations(page);

  // 1. Import a page of notes, leaving one detected concept out.
  await signUp(page, base, "Reader");
  await page.goto(`${base}/import`);
  await page.getByLabel("Paste your notes").fill(NOTES);
  await page.getByTestId("import-preview").click();
  await page.getByTestId("import-row").nth(2).waitFor();
  expect(await page.getByTestId("import-row").count()).toBe(3);
  await page.getByTestId("import-row").nth(1).getByRole("checkbox").uncheck();
  await page.getByLabel("New deck title").fill("Week 5 glossary");
  await page.getByTestId("import-submit").click();
  await page.waitForURL(/\/decks\/mine\/[a-z0-9]+$/);
  const imported = cardsOf("Reader", "Week 5 glossary");
  expect([...new Set(imported.map((card) => card.term))]).toEqual(["Deceptive alignment", "Reward hacking"]);

  // 2. Study one card.
  await page.goto(`${base}/review`);
  await page.getByTestId("reveal").waitFor();
  await page.keyboard.press("Space");
  await page.getByTestId("card-back").waitFor();
  await page.keyboard.press("3");
  for (let i = 0; i < 50 && reviewsOf("Reader").length === 0; i++) await page.waitForTimeout(100);
  const [review] = reviewsOf("Reader");
  expect(reviewsOf("Reader")).toHaveLength(1);
  expect(review.grade).toBe(3);

  // 3. The export page: the deck as markdown, and the whole account.
  await page.goto(`${base}/account`);
  await page.getByTestId("your-data-link").click();
  await page.waitForURL(`${base}/account/data`);
  await page.getByRole("heading", { name: "Your data", level: 1 }).waitFor();
  await expectNoSeriousA11yViolations(page, "your data page");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yViolations(page, "your data page at 390 px");
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await page.getByTestId("restore-unavailable").textContent()).toContain("no study data yet");
  await snap(page, "your-data", { themes: true });

  const deckId = query<{ id: string }>(`SELECT "id" FROM "Deck" WHERE "title" = ?`, "Week 5 glossary")[0].id;
  const markdown = fs.readFileSync(await download(page, page.getByTestId(`export-deck-${deckId}-markdown`), downloads), "utf8");
  expect(markdown).toContain("## Reward hacking");
  expect(markdown).toContain("## Deceptive alignment");
  expect(markdown).not.toContain("Situational awareness");
  const backupFile = await download(page, page.getByTestId("download-backup"), downloads);
  expect(path.basename(backupFile)).toMatch(/^mesa-backup-reader-\d{4}-\d{2}-\d{2}\.json\.gz$/);
  const backup = JSON.parse(gunzipSync(fs.readFileSync(backupFile)).toString("utf8")) as { reviewLogs: unknown[] };
  expect(backup.reviewLogs).toHaveLength(1);

  // 4. A second account restores the backup.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  await signUp(page, base, "Restorer");
  await page.goto(`${base}/account/data`);
  // A wrong file first: the error is shown beside the field and nothing is written.
  fs.writeFileSync(path.join(downloads, "notes.json"), '{"format":"mesa-account-backup","version":1}');
  await page.getByTestId("restore-file").setInputFiles(path.join(downloads, "notes.json"));
  await page.getByTestId("restore-submit").click();
  expect(await page.getByTestId("restore-error").textContent()).toMatch(/^exportedAt: /);
  expect(reviewsOf("Restorer")).toEqual([]);
  await page.getByTestId("restore-file").setInputFiles(backupFile);
  await snap(page, "your-data-restore", { themes: true });
  await page.getByTestId("restore-submit").click();
  await page.getByTestId("restore-done").or(page.getByTestId("restore-error")).waitFor();
  expect(await page.getByTestId("restore-error").count()).toBe(0);
  expect(await page.getByTestId("restore-done").textContent()).toContain("1 deck of your own with 2 concepts");
  await snap(page, "your-data-restored", { themes: true });

  // 5. The same cards, and the one review in the card's history.
  expect(cardsOf("Restorer", "Week 5 glossary")).toEqual(cardsOf("Reader", "Week 5 glossary"));
  const restored = reviewsOf("Restorer");
  expect(restored.map(({ cardId: _id, ...rest }) => rest)).toEqual(reviewsOf("Reader").map(({ cardId: _id, ...rest }) => rest));
  expect(restored[0].cardId).not.toBe(review.cardId);
  await page.goto(`${base}/cards/${restored[0].cardId}`);
  await page.getByTestId("review-timeline").waitFor();
  expect(await page.getByTestId("timeline-review").count()).toBe(1);
  await page.goto(
    `${base}/decks/mine/${query<{ id: string }>(`SELECT d."id" FROM "Deck" d JOIN "User" u ON u."id" = d."ownerId" WHERE u."username" = ?`, "Restorer")[0].id}`,
  );
  await page.getByText("Reward hacking").first().waitFor();

  expect(problems).toEqual([]);
  expect(await cspViolations()).toEqual([]);
  await context.close();
  fs.rmSync(downloads, { recursive: true, force: true });
});
