import type { Page } from "playwright-core";
import type { QuizQuestion } from "@/lib/quiz/types";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { signedInPage, useAppAndBrowser } from "../helpers/e2e";
import { snap } from "../helpers/screenshots";

jest.setTimeout(240_000);

const app = useAppAndBrowser();

/** Reads the server's database directly. */
const { query } = app;

async function noHorizontalScroll(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  if (size) await page.setViewportSize(size);
}

interface ConceptInput {
  term: string;
  definition: string;
  aliases?: string;
  confusable?: string;
}

async function addConcept(page: Page, deckUrl: string, concept: ConceptInput): Promise<void> {
  await page.goto(`${deckUrl}/concepts/new`);
  await page.getByLabel("Term", { exact: true }).fill(concept.term);
  await page.getByLabel("Definition", { exact: true }).fill(concept.definition);
  if (concept.aliases) await page.getByLabel("Aliases").fill(concept.aliases);
  if (concept.confusable) {
    await page.getByTestId("picker-confusables-search").fill(concept.confusable);
    await page
      .getByTestId("picker-confusables")
      .getByRole("checkbox", { name: new RegExp(concept.confusable) })
      .check();
  }
  await page.getByTestId("save-concept").click();
  await page.waitForURL(new RegExp(`${deckUrl}\\?saved=`));
  await page.getByTestId("own-concepts").getByRole("link", { name: concept.term }).waitFor();
}

it("writes a deck of three concepts, rewords a built-in card for review and quiz, reverts it, and deletes the deck", async () => {
  const { context, page, base, problems, cspViolations } = await signedInPage(app, "Author");

  // A deck of one's own, from /decks.
  await page.goto(`${base}/decks`);
  await page.getByLabel("Title").fill("Reading notes");
  await page.getByTestId("create-deck").click();
  await page.waitForURL(/\/decks\/mine\/[a-z0-9]+$/);
  const deckUrl = page.url();
  await page.getByRole("heading", { name: "Reading notes" }).waitFor();

  // A definition that gives its term away is an error beside the field, and nothing is saved.
  await page.goto(`${deckUrl}/concepts/new`);
  await page.getByLabel("Term", { exact: true }).fill("Reward tampering");
  await page.getByLabel("Definition", { exact: true }).fill("Tampering with the reward an agent is given.");
  await expect(page.locator("#definition-error").textContent()).resolves.toContain("gives “Reward tampering” away");
  await page.getByTestId("save-concept").click();
  await page.locator("#definition-error").filter({ hasText: "gives" }).waitFor();
  expect(page.url()).toBe(`${deckUrl}/concepts/new`);
  expect(
    query<{ n: number }>("SELECT count(*) AS n FROM Concept k JOIN Deck d ON d.id = k.deckId WHERE d.ownerId IS NOT NULL")[0].n,
  ).toBe(0);
  await snap(page, "concept-form-error");
  await expectNoSeriousA11yViolations(page, "concept form with an error");
  await noHorizontalScroll(page);

  await addConcept(page, deckUrl, {
    term: "Reward tampering",
    definition: "An agent **interfering** with the process that produces its training signal, instead of doing the task.",
  });
  await addConcept(page, deckUrl, {
    term: "Specification gaming",
    definition: "Meeting the letter of a stated objective while missing its intent.",
    confusable: "Reward tampering",
  });
  await addConcept(page, deckUrl, { term: "Proxy", definition: "A measurable stand-in for what is really wanted." });
  await expect(page.getByTestId("own-concepts").getByRole("listitem").count()).resolves.toBe(3);
  const confusables = query<{ term: string; confusables: string }>(
    `SELECT term, confusables FROM Concept k JOIN Deck d ON d.id = k.deckId
     WHERE d.ownerId IS NOT NULL AND term IN ('Reward tampering', 'Specification gaming') ORDER BY term`,
  );
  expect(confusables).toEqual([
    { term: "Reward tampering", confusables: '["specification-gaming"]' },
    { term: "Specification gaming", confusables: '["reward-tampering"]' },
  ]);
  await expectNoSeriousA11yViolations(page, "own deck page");
  await noHorizontalScroll(page);
  await snap(page, "own-deck");
  await page.goto(`${base}/decks`);
  await expect(page.getByTestId("open-deck").count()).resolves.toBe(1);
  await expectNoSeriousA11yViolations(page, "decks with one of your own");
  await noHorizontalScroll(page);

  // The form, filled, for the screenshots.
  await page.goto(deckUrl);
  await page.getByTestId("own-concepts").getByRole("link", { name: "Specification gaming" }).click();
  await page.getByLabel("Term", { exact: true }).waitFor();
  await snap(page, "concept-form");
  await expectNoSeriousA11yViolations(page, "concept form, editing");

  // Reword the first built-in card of the review queue from its back.
  await page.goto(`${base}/review`);
  await page.getByTestId("reveal").click();
  await page.getByTestId("card-back").waitFor();
  const term = (await page.getByTestId("card-front").locator("h2").textContent())!;
  const concept = query<{ id: string; definition: string; tags: string }>(
    "SELECT k.id, k.definition, k.tags FROM Concept k JOIN Deck d ON d.id = k.deckId WHERE d.ownerId IS NULL AND k.term = ?",
    term,
  )[0];
  await page.getByTestId("edit-card").click();
  await page.waitForURL(/\/cards\/[a-z0-9]+#edit$/);
  const cardUrl = page.url().replace(/#edit$/, "");
  const wording = "Zebra wording of my own: a short sentence that I remember better.";
  await page.getByTestId("reword").click();
  await page.getByLabel("Definition", { exact: true }).fill(wording);
  await expectNoSeriousA11yViolations(page, "card page, rewording");
  await noHorizontalScroll(page);
  await page.getByTestId("save-wording").click();
  await page.getByTestId("your-wording").waitFor();
  expect((await page.getByTestId("definition").textContent())?.trim()).toBe(wording);

  // In review: the card back shows it, marked, with the original behind a disclosure.
  await page.goto(`${base}/review`);
  await expect(page.getByTestId("card-front").locator("h2").textContent()).resolves.toBe(term);
  await page.getByTestId("reveal").click();
  const back = page.getByTestId("card-back");
  expect((await back.getByTestId("definition").textContent())?.trim()).toBe(wording);
  await back.getByTestId("your-wording").getByText("Your wording").waitFor();
  expect(await back.getByTestId("original-wording").isVisible()).toBe(false);
  await back.getByText("Show the original").click();
  await expect(back.getByTestId("original-wording").textContent()).resolves.toContain(concept.definition.slice(0, 40));
  await snap(page, "reworded-card");
  await expectNoSeriousA11yViolations(page, "reworded card in review");

  // In a quiz on one of its tags, definition -> term: the question shows the wording.
  const tags = JSON.parse(concept.tags) as string[];
  const tagSizes = tags.map((tag) => ({
    tag,
    n: query<{ n: number }>(
      `SELECT count(*) AS n FROM Concept k JOIN Deck d ON d.id = k.deckId, json_each(k.tags) t
       WHERE d.slug = 'learned-optimization' AND t.value = ?`,
      tag,
    )[0].n,
  }));
  const tag = tagSizes.sort((a, b) => a.n - b.n)[0].tag;
  await page.goto(`${base}/quiz`);
  await page.getByLabel("A tag").check();
  await page.getByLabel("Tag", { exact: true }).selectOption(tag);
  await page.getByLabel("Kind of question").selectOption("definition-to-term");
  await page.getByText("All", { exact: true }).click();
  await page.getByTestId("start-quiz").click();
  await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
  const quizId = page.url().split("/").pop()!;
  const key = query<{ question: string }>('SELECT question FROM QuizQuestion WHERE quizId = ? ORDER BY "index"', quizId).map(
    (row) => JSON.parse(row.question) as QuizQuestion,
  );
  const at = key.findIndex((question) => question.conceptId === concept.id);
  expect(at).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < at; i++) {
    await page.getByTestId("quiz-question").waitFor();
    const question = key[i] as Extract<QuizQuestion, { answerIndex: number }>;
    await page.getByTestId(`option-${question.answerIndex + 1}`).click();
    await page.getByTestId("next-question").click();
  }
  await expect(page.getByTestId("quiz-progress").textContent()).resolves.toBe(`Question ${at + 1} of ${key.length}`);
  await expect(page.getByTestId("quiz-prompt").textContent()).resolves.toContain(wording);

  // Revert from the back of the review card: the original shows at once.
  await page.goto(`${base}/review`);
  await page.getByTestId("reveal").click();
  await page.getByTestId("card-back").getByTestId("review-revert-wording").click();
  await page.getByTestId("card-back").getByTestId("your-wording").waitFor({ state: "detached" });
  await expect(page.getByTestId("card-back").getByTestId("definition").textContent()).resolves.toContain(
    concept.definition.slice(0, 40),
  );
  expect(query<{ n: number }>("SELECT count(*) AS n FROM ConceptOverride")[0].n).toBe(0);

  // And from the card page, after rewording again there.
  await page.goto(cardUrl);
  await page.getByTestId("reword").click();
  await page.getByLabel("Definition", { exact: true }).fill(wording);
  await page.getByTestId("save-wording").click();
  await page.getByTestId("your-wording").waitFor();
  await page.getByTestId("revert-wording").click();
  await page.getByTestId("your-wording").waitFor({ state: "detached" });
  await expect(page.getByTestId("definition").textContent()).resolves.toContain(concept.definition.slice(0, 40));
  expect(query<{ n: number }>("SELECT count(*) AS n FROM ConceptOverride")[0].n).toBe(0);

  // Delete one concept from the card browser: the confirmation says what goes with it.
  const [{ slug: deckSlug }] = query<{ slug: string }>("SELECT slug FROM Deck WHERE ownerId IS NOT NULL");
  await page.goto(`${base}/cards?q=${encodeURIComponent(`deck:${deckSlug} proxy`)}`);
  await page.locator("[data-ready]").waitFor();
  expect(await page.getByTestId("card-row").count()).toBe(2);
  await page.getByTestId("row-checkbox").nth(0).click();
  await page
    .getByTestId("row-checkbox")
    .nth(1)
    .click({ modifiers: ["Shift"] });
  await page.getByRole("button", { name: "Delete…" }).click();
  await page
    .getByTestId("confirm-panel")
    .filter({ hasText: /Delete 1 concept\? 2 cards and 0 reviews go with them/ })
    .waitFor();
  await page.getByTestId("confirm-action").click();
  await page.getByTestId("bulk-message").filter({ hasText: "Deleted 1 concept, 2 cards and 0 reviews." }).waitFor();
  expect(
    query<{ term: string }>(
      "SELECT term FROM Concept k JOIN Deck d ON d.id = k.deckId WHERE d.ownerId IS NOT NULL ORDER BY term",
    ),
  ).toEqual([{ term: "Reward tampering" }, { term: "Specification gaming" }]);

  // Before deleting, the deck page offers its downloads: each answers an attachment named from the slug.
  await page.goto(deckUrl);
  const downloads: Record<string, string> = {};
  for (const [testId, extension] of [
    ["delete-deck-export-markdown", "md"],
    ["delete-deck-export-apkg", "apkg"],
  ] as const) {
    const link = page.getByTestId(testId);
    expect(await link.getAttribute("download")).toBe("");
    const response = await page.request.get(`${base}${await link.getAttribute("href")}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${deckSlug}.${extension}"`);
    expect(response.headers()["cache-control"]).toBe("no-store");
    downloads[extension] = (await response.body()).toString("utf8");
  }
  expect(downloads.md).toContain("## Reward tampering");
  expect(downloads.md).toContain("## Specification gaming");
  await snap(page, "own-deck-export");
  await page.goto(`${base}/account`);
  const cards = await page.request.get(`${base}${await page.getByTestId("delete-account-export-cards").getAttribute("href")}`);
  expect(cards.headers()["content-disposition"]).toBe('attachment; filename="mesa-cards.tsv"');
  expect(await cards.text()).toContain("Reward tampering");
  await expectNoSeriousA11yViolations(page, "account page with exports");
  await noHorizontalScroll(page);
  await snap(page, "account-export");

  // Delete the deck: the button waits for the typed title.
  await page.goto(deckUrl);
  const remove = page.getByTestId("delete-deck");
  expect(await remove.isDisabled()).toBe(true);
  await page.getByLabel("Type “Reading notes” to confirm").fill("Reading notes");
  await remove.click();
  await page.waitForURL(`${base}/decks`);
  expect(await page.getByTestId("open-deck").count()).toBe(0);
  expect(
    query<{ n: number }>("SELECT count(*) AS n FROM Concept k JOIN Deck d ON d.id = k.deckId WHERE d.ownerId IS NOT NULL")[0].n,
  ).toBe(0);

  expect(await cspViolations()).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
