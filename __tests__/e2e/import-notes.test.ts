import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { signedInPage, useAppAndBrowser } from "../helpers/e2e";
import { snap } from "../helpers/screenshots";

jest.setTimeout(240_000);

const app = useAppAndBrowser();

const { query } = app;

const NOTES = [
  "# Learned optimization",
  "",
  "Mesa-optimizer: a learned model that is itself an optimizer, searching over plans at run time.",
  "Base objective: what the training process rewards the model for doing.",
  "Why does this matter? The paper argues it is central.",
].join("\n");

it("previews pasted notes, imports the kept concepts into a new deck, and a re-import adds nothing", async () => {
  const { context, page, base, problems, cspViolations } = await signedInPage(app, "Importer");

  await page.goto(`${base}/decks`);
  await page.getByTestId("import-notes").click();
  await page.waitForURL(/\/import$/);
  await expectNoSeriousA11yViolations(page, "import page");

  await page.getByLabel("Paste your notes").fill(NOTES);
  await page.getByTestId("import-preview").click();
  await page.getByTestId("import-row").nth(1).waitFor();
  expect(await page.getByTestId("import-row").count()).toBe(2);
  expect(await page.getByTestId("import-summary").textContent()).toContain("2 concepts found");
  await page.getByLabel("New deck title").fill("Learned optimization");
  // Edit the second concept's definition before importing.
  await page.getByLabel("Definition").nth(1).fill("What training rewards the model for doing.");
  await snap(page, "import-preview");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yViolations(page, "import preview at 390 px");
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoSeriousA11yViolations(page, "import preview");
  await page.getByTestId("import-submit").click();
  await page.waitForURL(/\/decks\/mine\/[a-z0-9]+$/);
  const deckUrl = page.url();
  const deckId = deckUrl.split("/").pop()!;
  const concepts = query<{ term: string; definition: string }>(
    `SELECT "term", "definition" FROM "Concept" WHERE "deckId" = ? ORDER BY "position"`,
    deckId,
  );
  expect(concepts).toEqual([
    { term: "Mesa-optimizer", definition: "a learned model that is itself an optimizer, searching over plans at run time." },
    { term: "Base objective", definition: "What training rewards the model for doing." },
  ]);
  expect(query<{ n: number }>(`SELECT count(*) AS n FROM "Card" WHERE "deckId" = ?`, deckId)[0].n).toBe(4);

  // The same notes again, into that deck: one unchanged, one whose text would be updated.
  await page.goto(`${base}/import`);
  await page.getByLabel("Paste your notes").fill(NOTES);
  await page.getByTestId("import-preview").click();
  await page.getByLabel("Deck", { exact: true }).selectOption({ label: "Learned optimization" });
  await page.getByTestId("import-row").nth(1).getByText("Will be updated").waitFor();
  expect(await page.getByTestId("import-row").nth(0).textContent()).toContain("Already in the deck");
  await page.getByTestId("import-row").nth(1).getByRole("checkbox").uncheck();
  await page.getByTestId("import-submit").click();
  await page.waitForURL(deckUrl);
  expect(query<{ n: number }>(`SELECT count(*) AS n FROM "Concept" WHERE "deckId" = ?`, deckId)[0].n).toBe(2);

  expect(problems).toEqual([]);
  expect(await cspViolations()).toEqual([]);
  await context.close();
});
