import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { watchCspViolations } from "../helpers/browser";
import { signUp, useAppAndBrowser } from "../helpers/e2e";

/*
 * A new learner's first two study days, on a server whose clock the test moves (MESA_TEST_CLOCK_FILE):
 * the goal question, a first session with an honest counter, the new-card limit explaining itself
 * and its one-click extra batch, a second deck, a quiz on a phone, settings, and stats after one
 * day and after two. MESA_SCREENSHOTS_DIR, when set, keeps a screenshot of each step (1280 and 390
 * px, light and dark) for looking at.
 */

jest.setTimeout(300_000);

const clockDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-clock-"));
const clockFile = path.join(clockDir, "offset");
fs.writeFileSync(clockFile, "0");
const app = useAppAndBrowser({ MESA_TEST_CLOCK_FILE: clockFile });

// A Monday morning in London; day two is the next morning.
const DAY_ONE = Date.parse("2027-01-11T09:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const SHOTS = process.env.MESA_SCREENSHOTS_DIR;

/** Moves the server's clock so that it reads `instant` now (and runs on from there). */
function setServerTime(instant: number): void {
  fs.writeFileSync(clockFile, String(instant - Date.now()));
}

const { query } = app;

/** Grades are saved in the background after the next card shows: waits until `n` are stored. */
async function storedReviews(n: number): Promise<void> {
  for (let waited = 0; waited < 10_000 && query("SELECT id FROM ReviewLog").length < n; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(query("SELECT id FROM ReviewLog")).toHaveLength(n);
}

async function snap(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.evaluate(() =>
        Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
      );
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (original) await page.setViewportSize(original);
}

async function counter(page: Page): Promise<{ text: string; now: number }> {
  const left = page.getByTestId("cards-left");
  return {
    text: ((await left.textContent()) ?? "").replace("Left in this session: ", ""),
    now: Number(await left.getAttribute("data-now")),
  };
}

async function barPercent(page: Page): Promise<number> {
  return parseFloat(
    (await page.getByTestId("session-progress").getAttribute("style"))?.match(/width:\s*([\d.]+)%/)?.[1] ?? "NaN",
  );
}

/**
 * Reviews until the session summary shows, grading Again the first time `againOnce` is set and
 * Easy otherwise; returns the bar's widths, read after every grade.
 */
async function reviewAll(page: Page, { againOnce = false } = {}): Promise<{ graded: number; bar: number[] }> {
  const bar = [await barPercent(page)];
  let graded = 0;
  let again = againOnce;
  for (;;) {
    const reveal = page.getByTestId("reveal");
    const summary = page.getByTestId("session-summary");
    await Promise.race([reveal.waitFor(), summary.waitFor()]);
    if (await summary.isVisible()) break;
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await page.keyboard.press(again ? "1" : "4");
    graded += 1;
    if (again) {
      again = false;
      // The Again card comes back later today: counted as learning, never dropped from the counts.
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="cards-left"]')?.textContent?.endsWith("19 new · 1 learning · 0 review"),
      );
    }
    bar.push(await barPercent(page));
  }
  return { graded, bar };
}

it("walks a new learner's first two study days", async () => {
  setServerTime(DAY_ONE);
  const context = await app.browser.newContext({ timezoneId: "Europe/London", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  const cspViolations = await watchCspViolations(page);
  const base = app.server.baseUrl;

  // Day one. Sign-up, and home asks for a daily goal with 20 reviews preselected.
  await signUp(page, base, "Wren");
  expect(query<{ createdAt: string }>("SELECT createdAt FROM User")[0].createdAt).toMatch(/^2027-01-11T09:0/);
  const chooser = page.getByTestId("goal-chooser");
  await chooser.waitFor();
  expect(await page.getByLabel("20 reviews a day").isChecked()).toBe(true);
  await snap(page, "home-goal-question");
  await expectNoSeriousA11yViolations(page, "home with the goal question");
  await page.getByTestId("save-goal").click();
  await chooser.waitFor({ state: "detached" });
  await expect(page.getByTestId("goal-progress").textContent()).resolves.toBe("0 / 20 reviews");
  await expect(page.getByTestId("streak-rule").textContent()).resolves.toMatch(
    /^Review 20 cards each study day to keep your streak\./,
  );

  // The first session: the counter says new / learning / review, and the bar never moves back.
  await page.getByTestId("start-review").click();
  await page.waitForURL(`${base}/review`);
  await page.getByTestId("reveal").waitFor();
  expect(await counter(page)).toEqual({ text: "20 new · 0 learning · 0 review", now: 20 });
  expect(await barPercent(page)).toBe(0);
  await snap(page, "review-counter");
  const first = await reviewAll(page, { againOnce: true });
  // Twenty new cards, one of them twice (Again, then learned ahead once the rest were done).
  expect(first.graded).toBe(21);
  for (let i = 1; i < first.bar.length; i++) expect(first.bar[i]).toBeGreaterThanOrEqual(first.bar[i - 1]);
  expect(first.bar.at(-1)).toBe(100);
  await storedReviews(21);

  // The limit explains itself at the end of the session, with the extra batch one click away.
  const summary = page.getByTestId("session-summary");
  await expect(summary.getByTestId("held-back").textContent()).resolves.toMatch(
    /20 new cards a day: today’s are done\. 10 more wait in Risks from Learned Optimization\.New cards come again tomorrow at 04:00\./,
  );
  await snap(page, "review-limit-reached");
  await page.getByTestId("more-new-cards").click();
  await page.getByTestId("reveal").waitFor();
  expect(await counter(page)).toEqual({ text: "10 new · 0 learning · 0 review", now: 10 });
  expect((await reviewAll(page)).graded).toBe(10);
  await storedReviews(31);
  expect(query<{ n: number }>("SELECT SUM(cards) AS n FROM ExtraNewCards")[0].n).toBe(10);

  // A second deck, then home says what the limit holds back and where.
  await page.goto(`${base}/decks`);
  await page.getByTestId("deck-ai-safety-core").getByTestId("study-deck").click();
  await page.getByTestId("deck-ai-safety-core").getByTestId("stop-deck").waitFor();
  await page.goto(`${base}/`);
  const heldBack = page.getByTestId("held-back");
  await expect(heldBack.textContent()).resolves.toMatch(
    /20 new cards a day and 10 extra today: today’s are done\. 91 more wait in Core AI-safety glossary\./,
  );
  expect(await page.getByTestId("new-limit-setting").getAttribute("href")).toBe("/settings#daily-limits");
  await snap(page, "home-limit-reached");
  await expectNoSeriousA11yViolations(page, "home with the limit reached");

  // The one-deck review names its deck and says the same for that deck.
  await page.goto(`${base}/review?deck=ai-safety-core`);
  await expect(page.getByTestId("review-deck-name").textContent()).resolves.toBe("Only Core AI-safety glossary · all decks");
  await expect(page.getByTestId("held-back").textContent()).resolves.toContain("91 more wait in this deck.");
  await snap(page, "review-one-deck-empty");
  await expectNoSeriousA11yViolations(page, "empty one-deck review");
  await page.getByTestId("more-new-cards").click();
  await page.getByTestId("reveal").waitFor();
  expect((await counter(page)).now).toBe(10);
  expect((await reviewAll(page)).graded).toBe(10);
  await storedReviews(41);

  // A quiz on a phone: the verdict is on screen once an answer is given.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/quiz`);
  await page.getByTestId("start-quiz").click();
  await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
  const question = page.getByTestId("quiz-question");
  await question.waitFor();
  const mode = await question.getAttribute("data-mode");
  if (mode === "true-false") await page.getByTestId("answer-true").click();
  else if (mode === "typed-recall") {
    await page.getByTestId("typed-answer").fill("optimizer");
    await page.keyboard.press("Enter");
  } else await page.getByTestId("option-1").click();
  const verdict = page.getByTestId("verdict");
  await verdict.waitFor();
  await expect(verdict.textContent()).resolves.toMatch(/^(Right|Not quite)$/);
  await page.waitForFunction(() => {
    const box = document.querySelector('[data-testid="verdict"]')?.getBoundingClientRect();
    return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
  });
  await snap(page, "quiz-feedback");

  // Settings on a phone: the confirmation is on screen after Save.
  await page.goto(`${base}/settings`);
  await page.locator("form[data-ready]").waitFor();
  await page.getByLabel("New cards per day").fill("15");
  await page.getByTestId("save-settings").click();
  const saved = page.getByText("Settings saved.");
  await saved.waitFor();
  await page.waitForFunction(() => {
    const box = [...document.querySelectorAll("*")].find((el) => el.textContent === "Settings saved.")?.getBoundingClientRect();
    return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
  });
  await snap(page, "settings-saved");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Stats after one day.
  await page.goto(`${base}/stats`);
  await page.getByText(/^41 reviews on 1 of the last 30 days/).waitFor();
  await snap(page, "stats-day-one");

  // Day two: yesterday's goal made a streak, today's new cards follow the new limit.
  setServerTime(DAY_ONE + DAY);
  await page.goto(`${base}/`);
  await expect(page.getByTestId("streak").textContent()).resolves.toBe("1");
  await expect(page.getByTestId("new-today").textContent()).resolves.toBe("15");
  await expect(page.getByTestId("goal-progress").textContent()).resolves.toBe("0 / 20 reviews");
  await page.getByTestId("start-review").click();
  await page.getByTestId("reveal").waitFor();
  const dayTwo = await counter(page);
  // Yesterday's Again card may be due again today; the new cards are today's 15.
  expect(dayTwo.text).toMatch(/^15 new · 0 learning · [01] review$/);
  for (let i = 1; i <= 5; i++) {
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await page.keyboard.press("4");
    await page.waitForFunction(
      (left) => document.querySelector('[data-testid="cards-left"]')?.getAttribute("data-now") === left,
      String(dayTwo.now - i),
    );
  }
  await storedReviews(46);
  await page.goto(`${base}/stats`);
  await page.getByText(/^46 reviews on 2 of the last 30 days/).waitFor();
  await snap(page, "stats-day-two");
  await expectNoSeriousA11yViolations(page, "stats with two days");

  expect(
    query<{ day: string }>("SELECT substr(reviewedAt, 1, 10) AS day FROM ReviewLog GROUP BY day ORDER BY day").map((r) => r.day),
  ).toEqual(["2027-01-11", "2027-01-12"]);
  expect(await cspViolations()).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

afterAll(() => {
  fs.rmSync(clockDir, { recursive: true, force: true });
});
