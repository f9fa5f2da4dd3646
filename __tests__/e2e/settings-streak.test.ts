import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { studyDayOf } from "@/lib/srs/study-day";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { watchCspViolations } from "../helpers/browser";
import { signUp, useAppAndBrowser } from "../helpers/e2e";

jest.setTimeout(180_000);

const app = useAppAndBrowser();

/** Writes one review of the user's first card, at `at`, straight into the server's database. */
function writeReview(username: string, at: Date): void {
  const db = new Database(app.server.databaseFile);
  try {
    const { userId, cardId } = db
      .prepare(
        `SELECT u."id" AS "userId", c."id" AS "cardId" FROM "User" u JOIN "Card" c ON c."userId" = u."id" WHERE u."usernameKey" = ? LIMIT 1`,
      )
      .get(username.toLowerCase()) as { userId: string; cardId: string };
    const stamp = at.toISOString().replace("Z", "+00:00");
    db.prepare(
      `INSERT INTO "ReviewLog" ("id", "cardId", "userId", "grade", "state", "due", "stability", "difficulty", "scheduledDays", "learningSteps", "elapsedDays", "reviewedAt", "durationMs", "clientId")
       VALUES (?, ?, ?, 3, 0, ?, 0, 0, 0, 0, 0, ?, 3000, ?)`,
    ).run(`e2e-${at.getTime()}`, cardId, userId, stamp, stamp, `e2e-${at.getTime()}`);
  } finally {
    db.close();
  }
}

/** Whether the whole of the element is inside the window, as it is drawn now. */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

async function save(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.getByRole("button", { name: "Save settings" }).click(),
  ]);
}

async function homeProgress(page: Page): Promise<{ streak: string | null; progress: string | null }> {
  await page.goto(`${app.server.baseUrl}/`);
  return {
    streak: await page.getByTestId("streak").textContent(),
    progress: await page.getByTestId("goal-progress").textContent(),
  };
}

it("changes the goal and the time zone in /settings, and the home page follows", async () => {
  const context = await app.browser.newContext({ timezoneId: "America/New_York", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cspViolations = await watchCspViolations(page);

  await signUp(page, app.server.baseUrl, "Grace");
  // A new account's goal is 20 reviews until the learner picks one.
  expect(await homeProgress(page)).toEqual({ streak: "0", progress: "0 / 20 reviews" });
  await expectNoSeriousA11yViolations(page, "home");

  // A review two hours ago: in some zones that is still today's study day, in others yesterday's.
  const now = new Date();
  const reviewedAt = new Date(now.getTime() - 2 * 3600_000);
  const zones = Intl.supportedValuesOf("timeZone");
  const sameDay = zones.find((zone) => studyDayOf(reviewedAt, zone, 4) === studyDayOf(now, zone, 4))!;
  const dayBefore = zones.find((zone) => studyDayOf(reviewedAt, zone, 4) !== studyDayOf(now, zone, 4))!;
  writeReview("Grace", reviewedAt);

  // On a phone, "Change goal" lands on the goal, and a save's outcome shows beside the button.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("link", { name: "Change goal" }).click();
  await page.waitForURL(`${app.server.baseUrl}/settings#daily-goal`);
  await page.locator("form[data-ready]").waitFor();
  expect(await inViewport(page, "#daily-goal-heading")).toBe(true);
  expect(await page.getByLabel("Time zone").inputValue()).toBe("America/New_York");

  // A bad goal is refused beside its field, and nothing is saved.
  await page.getByLabel("Time zone").selectOption(sameDay);
  await page.getByLabel("Reviews a day").fill("0");
  await save(page);
  await page.getByText("The review goal is a whole number from 1 to 1000").waitFor();
  expect(await page.getByLabel("Reviews a day").inputValue()).toBe("0");
  await expectNoSeriousA11yViolations(page, "settings with an error");
  await page.goto(`${app.server.baseUrl}/settings`);
  expect(await page.getByLabel("Time zone").inputValue()).toBe("America/New_York");

  await page.getByLabel("Time zone").selectOption(sameDay);
  await page.getByLabel("Reviews a day").fill("5");
  await save(page);
  await page.getByText("Settings saved.").waitFor();
  expect(await inViewport(page, "[data-testid=settings-status]")).toBe(true);
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await homeProgress(page)).toEqual({ streak: "0", progress: "1 / 5 reviews" });

  await page.goto(`${app.server.baseUrl}/settings`);
  await page.locator("form[data-ready]").waitFor();
  await page.getByLabel("Reviews a day").fill("1");
  await page.getByLabel("Time zone").selectOption(dayBefore);
  await save(page);
  await page.getByText("Settings saved.").waitFor();
  // Yesterday met the goal, today has not started: the streak counts up to yesterday.
  expect(await homeProgress(page)).toEqual({ streak: "1", progress: "0 / 1 review" });

  await page.goto(`${app.server.baseUrl}/settings`);
  await page.locator("form[data-ready]").waitFor();
  await page.getByTestId("use-browser-zone").click();
  expect(await page.getByLabel("Time zone").inputValue()).toBe("America/New_York");
  await page.getByLabel("Time zone").selectOption(sameDay);
  await save(page);
  await page.getByText("Settings saved.").waitFor();
  expect(await homeProgress(page)).toEqual({ streak: "1", progress: "1 / 1 review" });

  await page.goto(`${app.server.baseUrl}/account`);
  await page.getByRole("link", { name: "Change study settings" }).click();
  await page.waitForURL(`${app.server.baseUrl}/settings`);
  // A full load for the checks: the CSP applies to the scripts of a page's first load.
  await page.goto(`${app.server.baseUrl}/settings`);
  await page.locator("form[data-ready]").waitFor();
  await expectNoSeriousA11yViolations(page, "settings");
  const blocked = await cspViolations();
  expect(blocked).toEqual([]);
  await context.close();
});
