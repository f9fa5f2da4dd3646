import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page, Response } from "playwright-core";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { watchCspViolations } from "../helpers/browser";
import { useAppAndBrowser } from "../helpers/e2e";

/*
 * Every page runs its scripts under the Content-Security-Policy (a nonce and 'strict-dynamic', no
 * eval), the not-found and error pages included, and each page passes axe. This file breaks its
 * server's database at the end, so it has a server of its own.
 */

jest.setTimeout(240_000);

const app = useAppAndBrowser();

/**
 * The script tags the server sent that lack the nonce. (Scripts those load later need none:
 * 'strict-dynamic' trusts what a nonced script adds.)
 */
async function scriptsWithoutNonce(response: Response | null): Promise<string[]> {
  if (!response) throw new Error("no response");
  const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  return tags.filter((tag) => !/\snonce="[^"]+"/.test(tag));
}

/** Next's client runtime sets `window.next` once its scripts have run: proof that nothing was blocked. */
async function hydrated(page: Page): Promise<boolean> {
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version === "string");
}

it("ships no zod to the browser (its eval probe would break the CSP)", () => {
  const dir = path.join(__dirname, "../../.next/static");
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
  expect(files.length).toBeGreaterThan(0);
  // "jitless" is zod's setting for that probe, a property name that survives minification.
  expect(files.filter((file) => fs.readFileSync(path.join(dir, file), "utf8").includes("jitless"))).toEqual([]);
});

it("signs up, reviews to the summary, hits a missing page and a failing page, and signs out: no CSP violation, no serious axe finding", async () => {
  // No bypassCSP: the policy the server sends is the one in force.
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cspViolations = await watchCspViolations(page);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));

  await page.goto(`${app.server.baseUrl}/sign-up`);
  await page.locator("form[data-ready]").waitFor();
  await expectNoSeriousA11yViolations(page, "sign-up");
  await page.getByLabel("Username").fill("Lovelace");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${app.server.baseUrl}/`);
  expect(await hydrated(page)).toBe(true);
  expect(await cspViolations()).toEqual([]);

  // Every new card graded Easy leaves today's queue, so twenty presses reach the summary.
  await page.getByTestId("start-review").click();
  await page.getByTestId("reveal").waitFor();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await page.keyboard.press("4");
    if (i < 19) await page.getByTestId("reveal").waitFor();
  }
  await page.getByTestId("session-summary").waitFor();
  expect(await page.getByTestId("summary-done").textContent()).toBe("20");
  await expectNoSeriousA11yViolations(page, "review summary");
  expect(await cspViolations()).toEqual([]);

  const missing = await page.goto(`${app.server.baseUrl}/no-such-page`);
  expect(missing?.status()).toBe(404);
  expect(missing?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await page.getByRole("heading", { name: "This page does not exist" }).waitFor();
  expect(await page.title()).toBe("Page not found · Mesa");
  expect(await scriptsWithoutNonce(missing)).toEqual([]);
  expect(await hydrated(page)).toBe(true);
  expect(await cspViolations()).toEqual([]);
  await expectNoSeriousA11yViolations(page, "404");
  await page.getByRole("link", { name: "Go to today's reviews" }).click();
  await page.waitForURL(`${app.server.baseUrl}/`);
  await page.getByTestId("reviewed-today").waitFor();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${app.server.baseUrl}/sign-in?signed-out=here`);
  expect(await page.getByTestId("signed-out").textContent()).toBe("You are signed out.");
  await page.locator("form[data-ready]").waitFor();
  expect(await cspViolations()).toEqual([]);
  await page.getByLabel("Username").fill("lovelace");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${app.server.baseUrl}/`);

  // A realistic failure: the database loses a table the home page reads.
  const db = new Database(app.server.databaseFile);
  try {
    db.exec('DROP TABLE "ReviewLog"');
  } finally {
    db.close();
  }
  const failing = await page.goto(`${app.server.baseUrl}/`);
  expect(failing?.status()).toBe(500);
  await page.getByRole("heading", { name: "Mesa could not show this page" }).waitFor();
  expect(await scriptsWithoutNonce(failing)).toEqual([]);
  expect(await hydrated(page)).toBe(true);
  expect(await page.title()).toBe("Something went wrong · Mesa");
  await page.getByText(/the server's log has the details under reference \w+\./).waitFor();
  await expectNoSeriousA11yViolations(page, "error page");
  await page.getByRole("button", { name: "Try again" }).click();
  await page.waitForLoadState("networkidle");
  await page.getByRole("heading", { name: "Mesa could not show this page" }).waitFor();
  await page.getByRole("link", { name: "Go home" }).waitFor();
  expect(await cspViolations()).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
});
