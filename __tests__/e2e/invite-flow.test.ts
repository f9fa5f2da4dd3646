import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations } from "../helpers/a11y";
import { E2E_PASSWORD, signUp, useAppAndBrowser } from "../helpers/e2e";

jest.setTimeout(180_000);

// One sign-up per address without an invite, so the second sign-up below needs the link.
const app = useAppAndBrowser({ MESA_SIGNUPS_PER_ADDRESS_PER_HOUR: "1" });
const SHOTS = process.env.MESA_SCREENSHOTS_DIR;

async function snap(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
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
  await page.setViewportSize({ width: 1280, height: 900 });
}

it("starts a reading group: an invite link past the per-address limit, into the chosen deck, then withdrawn", async () => {
  const host = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await host.newPage();
  const base = app.server.baseUrl;
  await signUp(page, base, "Organiser");

  await page.goto(`${base}/account`);
  await page.getByLabel("Core AI-safety glossary").check();
  await page.getByLabel("People who may use it").fill("5");
  await page.getByTestId("create-invite").click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(new RegExp(`^${base}/sign-up\\?invite=[A-Za-z0-9_-]{24}$`));
  await page.getByTestId("invites").getByText("0 of 5 used · active").waitFor();
  await snap(page, "account-invites");
  await expectNoSeriousA11yViolations(page, "account with an invite");

  // The same address has used its one plain sign-up: without the link a second is refused.
  const guest = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const newcomer = await guest.newPage();
  await newcomer.goto(`${base}/sign-up`);
  await newcomer.locator("form[data-ready]").waitFor();
  await newcomer.getByLabel("Username").fill("Reader");
  await newcomer.getByLabel("Password").fill(E2E_PASSWORD);
  await newcomer.getByRole("button", { name: "Create account" }).click();
  await newcomer.getByText("Too many new accounts from this address.", { exact: false }).waitFor();

  await newcomer.goto(link);
  await newcomer.locator("form[data-ready]").waitFor();
  await expect(newcomer.getByTestId("invite-ok").textContent()).resolves.toBe(
    "Organiser invited you to study Core AI-safety glossary.",
  );
  await snap(newcomer, "sign-up-invite");
  await expectNoSeriousA11yViolations(newcomer, "sign-up with an invite");
  await newcomer.getByLabel("Username").fill("Reader");
  await newcomer.getByLabel("Password").fill(E2E_PASSWORD);
  await newcomer.getByRole("button", { name: "Create account" }).click();
  await newcomer.waitForURL(`${base}/`);
  await newcomer.goto(`${base}/decks`);
  await newcomer.getByTestId("deck-ai-safety-core").getByTestId("stop-deck").waitFor();

  await page.goto(`${base}/account`);
  await page.getByTestId("invites").getByText("1 of 5 used · active").waitFor();
  await page.getByTestId("revoke-invite").click();
  await page.getByTestId("invites").getByText("1 of 5 used · revoked").waitFor();

  const late = await app.browser.newContext();
  const latePage = await late.newPage();
  await latePage.goto(link);
  await expect(latePage.getByTestId("invite-refused").textContent()).resolves.toMatch(/withdrawn by the person who made it/);
  await snap(latePage, "sign-up-invite-withdrawn");
  await Promise.all([host.close(), guest.close(), late.close()]);
});
