import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import type { QuizQuestion } from "@/lib/quiz/types";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { watchCspViolations } from "../helpers/browser";
import { signUp, useAppAndBrowser } from "../helpers/e2e";

jest.setTimeout(240_000);

const app = useAppAndBrowser();

/** The first question of a quiz as the server built it, answer included, read from the server's database. */
function firstQuestion(databaseFile: string, quizId: string): QuizQuestion {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const row = db.prepare('SELECT question FROM QuizQuestion WHERE quizId = ? AND "index" = 0').get(quizId) as {
      question: string;
    };
    return JSON.parse(row.question) as QuizQuestion;
  } finally {
    db.close();
  }
}

/** Answers the question on screen right, by keyboard as a user would. */
async function answerRight(page: Page, question: QuizQuestion): Promise<void> {
  switch (question.mode) {
    case "true-false":
      await page.keyboard.press(question.truth ? "t" : "f");
      break;
    case "typed-recall":
      await page.keyboard.type(question.accepted[0]);
      await page.keyboard.press("Enter");
      break;
    default:
      await page.keyboard.press(String(question.answerIndex + 1));
  }
}

/** The next card shows at once; this waits for the server action that stores the grade (or undo). */
async function saved(page: Page, act: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), act()]);
}

it("shows statistics for three reviews, quiz accuracy after one answer, and a card's history from the review card's History link, under the CSP and axe", async () => {
  const context = await app.browser.newContext({ timezoneId: "Europe/Berlin", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cspViolations = await watchCspViolations(page);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));

  await signUp(page, app.server.baseUrl, "Hopper");

  await page.goto(`${app.server.baseUrl}/review`);
  for (let i = 0; i < 3; i++) {
    await page.getByTestId("reveal").waitFor();
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await saved(page, () => page.keyboard.press(i === 1 ? "1" : "3"));
  }
  await page.getByTestId("reveal").waitFor();

  await page.goto(`${app.server.baseUrl}/`);
  await page.getByRole("link", { name: "Stats" }).click();
  await page.waitForURL(`${app.server.baseUrl}/stats`);
  await page.getByRole("heading", { name: "Statistics" }).waitFor();
  await page.getByText("3 reviews on 1 of the last 30 days").waitFor();
  // Only reviews of cards in review count for retention: three new cards give none, said once.
  const retention = page.locator("section[aria-labelledby=retention]");
  await retention
    .getByTestId("chart-empty")
    .getByText(/^No reviews of cards in review yet/)
    .waitFor();
  expect(await retention.getByRole("table").count()).toBe(0);
  expect(await page.getByRole("img", { name: "Reviews per study day over the last year" }).count()).toBe(1);
  await expectNoSeriousA11yViolations(page, "stats");

  // Never quizzed: one line pointing to the quiz, no chart.
  const quizPanel = page.locator("section[aria-labelledby=quiz]");
  await quizPanel.getByText("You have not taken a quiz yet.").waitFor();
  expect(await quizPanel.getByRole("img").count()).toBe(0);
  expect(await quizPanel.getByRole("link", { name: "Take a quiz" }).getAttribute("href")).toBe("/quiz");

  await page.getByRole("link", { name: "1 year" }).click();
  await page.waitForURL(`${app.server.baseUrl}/stats?range=365`);
  await page.getByText("3 reviews on 1 of the last 365 days").waitFor();

  // The History link on the back of the card under review opens that card's history.
  await page.goto(`${app.server.baseUrl}/review`);
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
  expect(await page.getByTestId("back-to-review").getAttribute("href")).toBe("/review");
  await expectNoSeriousA11yViolations(page, "card history");

  const missing = await page.goto(`${app.server.baseUrl}/cards/no-such-card`);
  expect(missing?.status()).toBe(404);

  // One quiz question answered right shows up in the quiz panel, by day and by mode. (After the
  // review steps above: the card graded Again is due again a minute later and would lead the queue.)
  await page.goto(`${app.server.baseUrl}/stats`);
  await quizPanel.getByRole("link", { name: "Take a quiz" }).click();
  await page.waitForURL(`${app.server.baseUrl}/quiz`);
  await page.getByTestId("start-quiz").click();
  await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
  await page.getByTestId("quiz-question").waitFor();
  const question = firstQuestion(app.server.databaseFile, page.url().split("/").pop()!);
  await answerRight(page, question);
  await page.getByTestId("feedback").waitFor();
  await expect(page.getByTestId("verdict").textContent()).resolves.toBe("Right");

  await page.goto(`${app.server.baseUrl}/stats`);
  await quizPanel.getByText("100% right · 1 answer on 1 of the last 30 days").waitFor();
  expect(await quizPanel.getByRole("img", { name: /^Quiz accuracy per day/ }).count()).toBe(1);
  expect(await quizPanel.getByRole("img", { name: /^Quiz answers per day/ }).count()).toBe(1);
  const modeRows = quizPanel.getByRole("table", { name: "Quiz accuracy by kind of question" }).getByRole("row");
  expect(await modeRows.count()).toBe(7);
  expect(await modeRows.filter({ hasText: "1 / 1" }).count()).toBe(2);
  await expectNoSeriousA11yViolations(page, "stats with a quiz answer");

  await page.goto(`${app.server.baseUrl}/stats?range=365`);
  await quizPanel.getByText("100% right · 1 answer on 1 of the last 365 days").waitFor();
  // A year's range with one day of answers is still drawn by day, from the first day with answers.
  expect(await quizPanel.getByRole("img", { name: /^Quiz accuracy per day/ }).count()).toBe(1);

  expect(await cspViolations()).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
});
