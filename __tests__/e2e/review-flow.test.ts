import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { signUp, useAppAndBrowser } from "../helpers/e2e";

jest.setTimeout(180_000);

const app = useAppAndBrowser();

async function count(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).textContent());
}

/** The cards to show now (the counter's total also holds the learning cards due later today). */
async function cardsLeft(page: Page): Promise<number> {
  return Number(await page.getByTestId("cards-left").getAttribute("data-now"));
}

/** Reads the server's database directly: what the browser did must be what was stored. */
function reviewLogs(username: string): { undone: number; active: number } {
  const db = new Database(app.server.databaseFile, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT undoneAt FROM ReviewLog JOIN User ON User.id = ReviewLog.userId WHERE User.usernameKey = ?")
      .all(username.toLowerCase()) as { undoneAt: string | null }[];
    return { undone: rows.filter((r) => r.undoneAt !== null).length, active: rows.filter((r) => r.undoneAt === null).length };
  } finally {
    db.close();
  }
}

/** Clicks a form's submit button and waits for the server action's answer. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.getByRole("button", { name: button }).click(),
  ]);
}

async function until<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = read();
  }
  return value;
}

it("signs up, reviews five cards by keyboard, undoes one, and the home page shows exactly four reviews", async () => {
  const context = await app.browser.newContext({ timezoneId: "America/New_York", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });

  const response = await page.goto(`${app.server.baseUrl}/`);
  expect(page.url()).toBe(`${app.server.baseUrl}/sign-in`);
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await page.locator("form[data-ready]").waitFor();
  await expectNoSeriousA11yViolations(page, "sign-in");

  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL(`${app.server.baseUrl}/sign-up`);
  await page.locator("form[data-ready]").waitFor();
  await page.getByLabel("Username").fill("Ada");
  await page.getByLabel("Password").fill("short");
  await submit(page, "Create account");
  await page.getByText("Passwords are at least 8 characters").waitFor();
  expect(await page.getByLabel("Username").inputValue()).toBe("Ada");
  await expectNoSeriousA11yViolations(page, "sign-up with an error");

  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${app.server.baseUrl}/`);

  expect(await count(page, "due-now")).toBe(0);
  expect(await count(page, "new-today")).toBe(20);
  expect(await count(page, "reviewed-today")).toBe(0);
  expect(await count(page, "streak")).toBe(0);
  expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(1);
  await expectNoSeriousA11yViolations(page, "home");

  await page.getByTestId("start-review").click();
  await page.getByTestId("reveal").waitFor();
  expect(await cardsLeft(page)).toBe(20);
  // The card is the page: review has no site header.
  expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
  await expectNoSeriousA11yViolations(page, "review, card front");
  await page.keyboard.press("Space");
  await page.getByTestId("card-back").waitFor();
  await expectNoSeriousA11yViolations(page, "review, card back");
  // Back to the front of the same card for the graded run below (a reload shows the same card).
  await page.reload();
  await page.getByTestId("reveal").waitFor();

  const seen: string[] = [];
  for (let i = 0; i < 5; i++) {
    const front = (await page.getByTestId("card-front").textContent()) ?? "";
    seen.push(front);
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    // Four next intervals are shown before grading.
    await expect(page.getByTestId("grade-3").textContent()).resolves.toMatch(/^Good\d+(m|h|d)$/);
    await page.keyboard.press(i === 2 ? "1" : "3");
    await page.getByTestId("reveal").waitFor();
  }
  expect(new Set(seen).size).toBe(5);
  expect(await cardsLeft(page)).toBe(15);

  await page.keyboard.press("z");
  await page.getByTestId("reveal").waitFor();
  expect(await cardsLeft(page)).toBe(16);
  expect(await page.getByTestId("card-front").textContent()).toBe(seen[4]);

  const stored = await until(
    () => reviewLogs("Ada"),
    (logs) => logs.active + logs.undone === 5 && logs.undone === 1,
  );
  expect(stored).toEqual({ active: 4, undone: 1 });

  await page.goto(`${app.server.baseUrl}/`);
  expect(await count(page, "reviewed-today")).toBe(4);
  // Four reviews are short of a new account's goal of 20: no streak yet.
  expect(await count(page, "streak")).toBe(0);
  expect(await count(page, "new-today")).toBe(16);

  // The learning cards graded today come back in this session's queue order after a reload.
  await page.goto(`${app.server.baseUrl}/review`);
  await page.getByTestId("reveal").waitFor();
  expect(await page.getByTestId("card-front").textContent()).toBe(seen[4]);

  expect(problems).toEqual([]);
  await context.close();
});

it("refuses a wrong password with the same message as an unknown user, then signs in", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.server.baseUrl}/sign-in`);
  await page.locator("form[data-ready]").waitFor();

  await page.getByLabel("Username").fill("ada");
  await page.getByLabel("Password").fill("wrong password");
  await submit(page, "Sign in");
  await page.getByText("Wrong username or password.").waitFor();

  await page.getByLabel("Username").fill("nobody");
  await page.getByLabel("Password").fill("wrong password");
  await submit(page, "Sign in");
  await page.getByText("Wrong username or password.").waitFor();

  // Usernames are case-insensitive.
  await page.getByLabel("Username").fill("ADA");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${app.server.baseUrl}/`);
  expect(await count(page, "reviewed-today")).toBe(4);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${app.server.baseUrl}/sign-in?signed-out=here`);
  await page.goto(`${app.server.baseUrl}/review`);
  expect(page.url()).toBe(`${app.server.baseUrl}/sign-in`);
  await context.close();
});

it("records the browser's time zone at sign-up, and 'sign out everywhere' ends the other devices' sessions", async () => {
  const laptop = await app.browser.newContext({ timezoneId: "Asia/Tokyo" });
  const phone = await app.browser.newContext();
  const laptopPage = await laptop.newPage();
  await signUp(laptopPage, app.server.baseUrl, "Grace");
  await laptopPage.goto(`${app.server.baseUrl}/account`);
  await laptopPage.getByText("Asia/Tokyo").waitFor();
  await expectNoSeriousA11yViolations(laptopPage, "account");

  const phonePage = await phone.newPage();
  await phonePage.goto(`${app.server.baseUrl}/sign-in`);
  await phonePage.locator("form[data-ready]").waitFor();
  await phonePage.getByLabel("Username").fill("grace");
  await phonePage.getByLabel("Password").fill("correct horse battery");
  await phonePage.getByRole("button", { name: "Sign in" }).click();
  await phonePage.waitForURL(`${app.server.baseUrl}/`);

  await laptopPage.getByRole("button", { name: "Sign out everywhere" }).click();
  await laptopPage.waitForURL(`${app.server.baseUrl}/sign-in?signed-out=everywhere`);
  expect(await laptopPage.getByTestId("signed-out").textContent()).toBe("You are signed out on every device.");
  // The phone still holds its cookie, but its session was ended on the server.
  await phonePage.goto(`${app.server.baseUrl}/`);
  expect(phonePage.url()).toBe(`${app.server.baseUrl}/sign-in`);
  await laptop.close();
  await phone.close();
});

it("refuses a grade from a second tab for a card the first tab already graded, and reloads that tab's queue", async () => {
  const context = await app.browser.newContext();
  const first = await context.newPage();
  await signUp(first, app.server.baseUrl, "Hopper");
  await first.goto(`${app.server.baseUrl}/review`);
  const second = await context.newPage();
  await second.goto(`${app.server.baseUrl}/review`);
  await first.getByTestId("reveal").waitFor();
  await second.getByTestId("reveal").waitFor();
  const card = await first.getByTestId("card-front").textContent();
  expect(await second.getByTestId("card-front").textContent()).toBe(card);

  await first.keyboard.press("Space");
  await first.keyboard.press("4");
  const before = await until(
    () => reviewLogs("Hopper"),
    (logs) => logs.active === 1,
  );
  expect(before).toEqual({ active: 1, undone: 0 });

  await second.keyboard.press("Space");
  await second.keyboard.press("4");
  await second.getByText("already graded in another tab").waitFor();
  await second.getByTestId("reveal").waitFor();
  expect(await second.getByTestId("card-front").textContent()).not.toBe(card);
  expect(reviewLogs("Hopper")).toEqual(before);
  await context.close();
});
