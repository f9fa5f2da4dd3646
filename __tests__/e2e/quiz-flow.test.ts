import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import type { QuizQuestion } from "@/lib/quiz/types";
import { signUp, useAppAndBrowser } from "../helpers/e2e";

jest.setTimeout(180_000);

const app = useAppAndBrowser();

/** Reads the server's database directly: the answer key of a quiz, and what was stored. */
const { query } = app;

function answerKey(quizId: string): QuizQuestion[] {
  return query<{ question: string }>('SELECT question FROM QuizQuestion WHERE quizId = ? ORDER BY "index"', quizId).map(
    (row) => JSON.parse(row.question) as QuizQuestion,
  );
}

/**
 * A small tag of the first deck (at least five concepts, so about a five-question quiz) whose
 * concepts all come early in the deck, so each is among today's new cards in review.
 */
function smallTag(): { name: string; concepts: number } {
  const rows = query<{ tags: string; rank: number }>(
    `SELECT k.tags, k.rank FROM Concept k JOIN Deck d ON d.id = k.deckId WHERE d.slug = 'learned-optimization' AND k.retiredAt IS NULL`,
  );
  const byTag = new Map<string, { count: number; lastRank: number }>();
  for (const row of rows) {
    for (const tag of JSON.parse(row.tags) as string[]) {
      const seen = byTag.get(tag) ?? { count: 0, lastRank: 0 };
      byTag.set(tag, { count: seen.count + 1, lastRank: Math.max(seen.lastRank, row.rank) });
    }
  }
  const [name, { count }] = [...byTag]
    .filter(([, tag]) => tag.count >= 5 && tag.lastRank < 18)
    .sort((a, b) => a[1].count - b[1].count || a[1].lastRank - b[1].lastRank || a[0].localeCompare(b[0]))[0];
  return { name, concepts: count };
}

function termOf(conceptId: string): string {
  return query<{ term: string }>("SELECT term FROM Concept WHERE id = ?", conceptId)[0].term;
}

async function seriousA11yFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

it("takes a five-question quiz by keyboard, misses one, and finds the miss in the results, in Confusions and in review", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });

  await signUp(page, app.server.baseUrl, "Quinn");

  await page.getByTestId("start-quiz-home").click();
  await page.waitForURL(`${app.server.baseUrl}/quiz`);
  expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Quiz" }).count()).toBe(1);
  expect(await seriousA11yFindings(page)).toEqual([]);
  // A small tag of the first deck: one question per concept tagged with it.
  const tag = smallTag();
  await page.getByLabel("A tag").check();
  await page.getByLabel("Tag", { exact: true }).selectOption(tag.name);
  await page.getByText("All", { exact: true }).click();
  await page.getByTestId("start-quiz").click();
  await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
  await page.getByTestId("quiz-question").waitFor();

  const quizId = page.url().split("/").pop()!;
  const key = answerKey(quizId);
  const n = tag.concepts;
  expect(key).toHaveLength(n);
  const missAt = key.findIndex(
    (q) => q.mode === "definition-to-term" || q.mode === "term-to-definition" || q.mode === "example-to-concept",
  );
  expect(missAt).toBeGreaterThanOrEqual(0);
  expect(await seriousA11yFindings(page)).toEqual([]);

  let missed: { term: string; chosen: string } | null = null;
  for (const [i, question] of key.entries()) {
    await expect(page.getByTestId("quiz-progress").textContent()).resolves.toBe(`Question ${i + 1} of ${n}`);
    switch (question.mode) {
      case "true-false":
        await page.keyboard.press(question.truth ? "t" : "f");
        break;
      case "typed-recall":
        // The input has focus: type and press Enter.
        await page.keyboard.type(question.accepted[0]);
        await page.keyboard.press("Enter");
        break;
      default: {
        const pick = i === missAt ? (question.answerIndex + 1) % question.options.length : question.answerIndex;
        if (i === missAt) missed = { term: question.term, chosen: question.options[pick].term };
        await page.keyboard.press(String(pick + 1));
      }
    }
    await page.getByTestId("feedback").waitFor();
    await expect(page.getByTestId("verdict").textContent()).resolves.toBe(i === missAt ? "Not quite" : "Right");
    if (i === missAt) {
      // The definition of what was picked, beside the right one.
      await expect(page.getByTestId("chosen-concept").textContent()).resolves.toContain(missed!.chosen);
      await expect(page.getByTestId("answer-concept").textContent()).resolves.toContain(missed!.term);
      expect(await seriousA11yFindings(page)).toEqual([]);
    }
    await page.keyboard.press("Enter");
  }

  await page.getByTestId("quiz-summary").waitFor();
  await expect(page.getByTestId("quiz-score").textContent()).resolves.toBe(`${n - 1} / ${n}`);
  const misses = page.getByTestId("quiz-misses").getByRole("listitem");
  expect(await misses.count()).toBe(1);
  await expect(misses.first().textContent()).resolves.toContain(missed!.term);
  expect(await seriousA11yFindings(page)).toEqual([]);

  const stored = query<{ correct: number; chosenConceptId: string | null }>(
    'SELECT a.correct, a.chosenConceptId FROM QuizAttempt a JOIN QuizQuestion q ON q.id = a.questionId WHERE q.quizId = ? ORDER BY q."index"',
    quizId,
  );
  expect(stored.map((row) => row.correct)).toEqual(key.map((_, i) => (i === missAt ? 0 : 1)));
  expect(termOf(stored[missAt].chosenConceptId!)).toBe(missed!.chosen);
  // Quizzing leaves the schedule alone.
  expect(query("SELECT id FROM ReviewLog")).toEqual([]);

  await page.getByRole("link", { name: "Confusions" }).last().click();
  await page.waitForURL(`${app.server.baseUrl}/quiz/confusions`);
  const pair = page.getByTestId("confusion");
  expect(await pair.count()).toBe(1);
  await expect(pair.first().textContent()).resolves.toMatch(new RegExp(`Mixed up 1 time`));
  for (const term of [missed!.term, missed!.chosen])
    await expect(pair.first().getByRole("heading", { level: 3, name: term }).count()).resolves.toBe(1);
  expect(await seriousA11yFindings(page)).toEqual([]);

  // Review the new cards in order until the missed concept comes up; its back names the confusion.
  await page.goto(`${app.server.baseUrl}/review`);
  let hint: string | null = null;
  for (let i = 0; i < 20 && hint === null; i++) {
    await page.getByTestId("reveal").waitFor();
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    // New cards come term first, so the front's heading is the card's term.
    const heading = page.getByTestId("card-front").locator("h2");
    const term = (await heading.count()) > 0 ? await heading.textContent() : null;
    if (term === missed!.term) hint = await page.getByTestId("confused-with").textContent();
    else await page.keyboard.press("3");
  }
  expect(hint).toBe(`Often confused with: ${missed!.chosen}`);

  expect(problems).toEqual([]);
  await context.close();
});
