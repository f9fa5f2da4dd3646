import http from "node:http";
import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { E2E_PASSWORD, signUp, useAppAndBrowser } from "../helpers/e2e";

jest.setTimeout(180_000);

const app = useAppAndBrowser();

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${app.server.baseUrl}/sign-in`);
  await page.locator("form[data-ready]").waitFor();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${app.server.baseUrl}/`);
}

/** Submits the sign-in form and returns the message it shows once the server action answers. */
async function attemptSignIn(page: Page, username: string, password: string): Promise<string> {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  // Either the form shows the answer, or the sign-in went through to the home page.
  const settled = (promise: Promise<unknown>) => promise.catch(() => undefined);
  await Promise.race([
    settled(page.getByRole("button", { name: "Sign in" }).waitFor()),
    settled(page.waitForURL(`${app.server.baseUrl}/`)),
  ]);
  if (page.url() === `${app.server.baseUrl}/`) return "(signed in)";
  return (await page.locator("form").getByRole("alert").textContent()) ?? "";
}

/** Whether a page is reachable signed in: signed-out visitors are sent to /sign-in. */
async function signedIn(page: Page): Promise<boolean> {
  await page.goto(`${app.server.baseUrl}/`);
  return page.url() === `${app.server.baseUrl}/`;
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext();
  return { context, page: await context.newPage() };
}

/** GET over plain http with a chosen Host header (fetch does not let a caller set Host). */
function getWithHost(pathname: string, host: string): Promise<string> {
  const url = new URL(pathname, app.server.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(body));
    });
    request.on("error", reject);
  });
}

it("keeps counting failed sign-ins from one connection however the client rotates X-Forwarded-For", async () => {
  const owner = await newPage();
  await signUp(owner.page, app.server.baseUrl, "Rotated");
  await owner.context.close();

  const { context, page } = await newPage();
  await page.goto(`${app.server.baseUrl}/sign-in`);
  await page.locator("form[data-ready]").waitFor();
  for (let i = 0; i < 10; i++) {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${i + 1}` });
    expect(await attemptSignIn(page, "rotated", "wrong password")).toBe("Wrong username or password.");
  }
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.250" });
  expect(await attemptSignIn(page, "rotated", E2E_PASSWORD)).toMatch(/^Too many failed sign-ins\. Try again in 1[45] minutes\.$/);
  expect(page.url()).toBe(`${app.server.baseUrl}/sign-in`);
  await context.close();
});

it("ends the session on the server at sign-out: a copied cookie stops working", async () => {
  const original = await newPage();
  await signUp(original.page, app.server.baseUrl, "Copied");
  const copy = await app.browser.newContext();
  await copy.addCookies(await original.context.cookies());
  const copyPage = await copy.newPage();
  expect(await signedIn(copyPage)).toBe(true);

  await original.page.getByRole("button", { name: "Sign out", exact: true }).click();
  await original.page.waitForURL(`${app.server.baseUrl}/sign-in?signed-out=here`);
  expect(await signedIn(copyPage)).toBe(false);
  await original.context.close();
  await copy.close();
});

it("lists the account's sessions, and signing one out from the other browser ends it", async () => {
  const laptop = await newPage();
  const phone = await newPage();
  await signUp(laptop.page, app.server.baseUrl, "Twice");
  await signIn(phone.page, "twice");

  await laptop.page.goto(`${app.server.baseUrl}/account`);
  const rows = laptop.page.getByTestId("session");
  expect(await rows.count()).toBe(2);
  expect(await laptop.page.locator('[data-testid="session"][data-current]').count()).toBe(1);
  expect(await laptop.page.locator('[data-testid="session"][data-current]').textContent()).toMatch(/This browser/);
  expect(await rows.first().textContent()).toMatch(/^Chrome on Linux.*Signed in .* last seen /);

  await laptop.page.locator('[data-testid="session"]:not([data-current])').getByTestId("sign-out-session").click();
  await laptop.page.waitForFunction(() => document.querySelectorAll('[data-testid="session"]').length === 1);
  expect(await signedIn(phone.page)).toBe(false);
  expect(await signedIn(laptop.page)).toBe(true);

  // Signing out this browser from the list signs it out here.
  await laptop.page.goto(`${app.server.baseUrl}/account`);
  await laptop.page.getByTestId("sign-out-session").click();
  await laptop.page.waitForURL(`${app.server.baseUrl}/sign-in?signed-out=here`);
  expect(await signedIn(laptop.page)).toBe(false);
  await laptop.context.close();
  await phone.context.close();
});

it("warns on the sign-in and sign-up pages when a Secure cookie would be dropped over plain http", async () => {
  for (const page of ["/sign-in", "/sign-up"]) {
    expect(await getWithHost(page, "mesa.lan")).toContain("Signing in will not stick on this address.");
    expect(await getWithHost(page, "localhost")).not.toContain("Signing in will not stick");
  }
});

it("refuses a common password and one equal to the username beside the password field, and creates no account", async () => {
  const { context, page } = await newPage();
  await page.goto(`${app.server.baseUrl}/sign-up`);
  await page.locator("form[data-ready]").waitFor();
  const password = page.getByLabel("Password");
  for (const [typed, message] of [
    ["password", "This is one of the most common passwords. Choose one that is harder to guess."],
    ["12345678", "This is one of the most common passwords. Choose one that is harder to guess."],
    ["        ", "A password of one character repeated is too easy to guess."],
    ["Weakling2026", "Your password cannot be your username."],
  ]) {
    await page.getByLabel("Username").fill("weakling2026");
    await password.fill(typed);
    // One answer at a time: React resets the form when an answer arrives, so a field filled before
    // the previous answer would be emptied.
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: "Create account" }).click(),
    ]);
    await page.getByRole("button", { name: "Create account" }).waitFor();
    await page.locator("#password-error").filter({ hasText: message }).waitFor();
    expect(await password.getAttribute("aria-describedby")).toBe("password-error");
    expect(await password.getAttribute("aria-invalid")).toBe("true");
  }
  expect(page.url()).toBe(`${app.server.baseUrl}/sign-up`);
  await context.close();
  const db = new Database(app.server.databaseFile, { readonly: true });
  expect(db.prepare('SELECT COUNT(*) AS n FROM "User" WHERE "usernameKey" = ?').get("weakling2026")).toEqual({ n: 0 });
  db.close();
});
