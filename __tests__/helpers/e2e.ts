import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startAppServer, type AppServer } from "./app-server";
import { launchBrowser, watchCspViolations } from "./browser";

/** The password every browser test signs up with. */
export const E2E_PASSWORD = "correct horse battery";

export interface AppAndBrowser {
  readonly server: AppServer;
  readonly browser: Browser;
  /** Rows of a query on the server's database, opened read-only for that one query. */
  query<T>(this: void, sql: string, ...params: unknown[]): T[];
}

/**
 * Starts a production server on a fresh database and Chromium before the file's tests, and stops
 * both after them. Read `server` and `browser` inside the tests: they exist only once beforeAll ran.
 */
export function useAppAndBrowser(env: Record<string, string> = {}): AppAndBrowser {
  let server: AppServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startAppServer(env);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      if (!server) throw new Error("The app server is not running yet: read it inside a test.");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("Chromium is not running yet: read it inside a test.");
      return browser;
    },
    query<T>(this: void, sql: string, ...params: unknown[]): T[] {
      if (!server) throw new Error("The app server is not running yet: query it inside a test.");
      const db = new Database(server.databaseFile, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
}

/** Creates an account through the sign-up form (once it has hydrated) and waits for the home page. */
export async function signUp(page: Page, baseUrl: string, username: string, password: string = E2E_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-up`);
  await page.locator("form[data-ready]").waitFor();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${baseUrl}/`);
}

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  base: string;
  /** Uncaught errors of the page's scripts, as they happen. */
  problems: string[];
  /** The Content-Security-Policy violations reported so far. */
  cspViolations: () => Promise<string[]>;
}

/** A new browser context at 1280 x 900, watched for script errors and CSP violations, signed up as `username`. */
export async function signedInPage(app: AppAndBrowser, username: string): Promise<SignedInPage> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const base = app.server.baseUrl;
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  const cspViolations = await watchCspViolations(page);
  await signUp(page, base, username);
  return { context, page, base, problems, cspViolations };
}
