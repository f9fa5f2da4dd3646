import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { disconnect, read } from "@/lib/server/db";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { watchCspViolations } from "../helpers/browser";
import { E2E_PASSWORD, signUp, useAppAndBrowser } from "../helpers/e2e";
import { seedHistory } from "../helpers/history";

/*
 * A learner with a month of history (seeded through the data layer into the server's database)
 * fits FSRS, reads the before/after in words, saves it, picks a retention beside the workload
 * chart, reschedules and undoes it; a bad steps value is refused beside its field; then changes
 * their password. MESA_SCREENSHOTS_DIR, when set, keeps screenshots at 1280 and 390 px.
 */

jest.setTimeout(240_000);

const app = useAppAndBrowser();
const SHOTS = process.env.MESA_SCREENSHOTS_DIR;
const DAY = 24 * 60 * 60 * 1000;

async function snap(page: Page, name: string, locator?: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
    const file = path.join(SHOTS, `${name}-${width}.png`);
    if (locator) await page.locator(locator).screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

function userRow(username: string) {
  return read((db) => db.user.findUniqueOrThrow({ where: { usernameKey: username.toLowerCase() } }));
}

afterAll(async () => {
  await disconnect();
});

it("fits FSRS to a month of reviews, saves it, picks a retention, reschedules and undoes, and changes the password", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cspViolations = await watchCspViolations(page);
  await signUp(page, app.server.baseUrl, "Ada");

  // A month of reviews, through the real grade path, into the server's own database.
  process.env.DATABASE_URL = `file:${app.server.databaseFile}`;
  const ada = await userRow("Ada");
  const { reviews } = await seedHistory(ada.id, new Date(Date.now() - 31 * DAY), { days: 30, newPerDay: 12 });
  expect(reviews).toBeGreaterThanOrEqual(400);

  await page.goto(`${app.server.baseUrl}/settings#scheduling`);
  await page.getByTestId("workload-summary").waitFor();
  expect(await page.getByTestId("workload-summary").textContent()).toMatch(
    /^0\.80: ~[\d.]+ reviews a day; 0\.85: ~[\d.]+; 0\.90: ~/,
  );
  await expect(page.getByRole("img", { name: "Workload by desired retention" }).first().isVisible()).resolves.toBe(true);
  await snap(page, "settings");
  await snap(page, "workload-chart", '[data-testid="workload-chart"] >> visible=true');

  // Fit: progress, then current vs fitted in words; nothing is used before saving.
  await page.getByRole("button", { name: "Fit FSRS to my reviews" }).click();
  await page.getByTestId("fit-result").waitFor({ timeout: 60_000 });
  expect(await page.getByTestId("fit-verdict").textContent()).toMatch(
    /^The fitted model predicts your recall (\d+% better|about as well|\d+% worse)/,
  );
  expect((await userRow("Ada")).fsrsWeights).toBeNull();
  await snap(page, "optimizer-result", '[data-testid="optimizer-panel"]');
  await page.getByTestId("save-fit").click();
  await page.getByText("Fitted parameters saved: they apply from your next grade.").waitFor();
  const saved = await userRow("Ada");
  expect(JSON.parse(saved.fsrsWeights!)).toHaveLength(21);
  expect(saved.previousFsrsWeights).toBeNull();
  await page.getByRole("button", { name: "Restore the earlier parameters" }).waitFor();

  // A bad steps value is refused beside its field, and nothing is saved.
  await page.getByRole("textbox", { name: "Desired retention" }).fill("0.85");
  await page.getByLabel("Learning steps", { exact: true }).fill("1m 5x");
  await page.getByRole("button", { name: "Save scheduling" }).click();
  await page.locator("#learningSteps-error").waitFor();
  expect(await page.locator("#learningSteps-error").textContent()).toBe(
    '"5x" is not a step: write a number and a unit (m minutes, h hours, d days), e.g. 1m 10m 1d.',
  );
  expect(await page.getByLabel("Learning steps", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  expect((await userRow("Ada")).desiredRetention).toBe(0.9);

  // The retention picked from the chart, saved.
  await page.getByLabel("Learning steps", { exact: true }).fill("1m 10m");
  await page.getByRole("button", { name: "Save scheduling" }).click();
  await page.getByText("Scheduling saved. It applies from your next grade.").waitFor();
  expect((await userRow("Ada")).desiredRetention).toBe(0.85);

  // Reschedule with the new retention and parameters, then undo it as one step.
  const due = async () =>
    read((db) => db.card.findMany({ where: { userId: ada.id }, orderBy: { id: "asc" }, select: { id: true, due: true } }));
  const before = await due();
  await page.getByRole("button", { name: "Reschedule my cards now" }).click();
  await page.getByText(/cards? of \d+ rescheduled\. Each card's history shows it\./).waitFor();
  expect(await due()).not.toEqual(before);
  await page.getByTestId("undo-reschedule").click();
  await page.getByText(/^Reschedule undone: \d+ cards? back as they were\.$/).waitFor();
  expect(await due()).toEqual(before);
  await expectNoSeriousA11yViolations(page, "settings");

  // Change password: other sessions end, this one stays.
  await page.goto(`${app.server.baseUrl}/account`);
  await page.getByLabel("Current password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await page.getByTestId("change-password").click();
  await page.getByText("Password changed. Every other browser signed in to this account is signed out.").waitFor();
  await expectNoSeriousA11yViolations(page, "account");
  await snap(page, "account");
  await page.goto(`${app.server.baseUrl}/settings`);
  expect(new URL(page.url()).pathname).toBe("/settings");

  expect(await cspViolations()).toEqual([]);
  await context.close();
});
