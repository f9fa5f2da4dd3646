import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless; the networking flags keep it from calling out on a closed network. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Collects what the Content-Security-Policy blocked on a page, across navigations: the browser's
 * console errors about it and every `securitypolicyviolation` event, reported through a binding
 * that is installed before any page script runs. Read the list once the page has settled.
 */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction("__mesaReportCspViolation", (text: string) => violations.push(`event: ${text}`));
  await page.addInitScript(() => {
    const report = (window as unknown as { __mesaReportCspViolation: (text: string) => void }).__mesaReportCspViolation;
    document.addEventListener("securitypolicyviolation", (event) => {
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline code"} at ${event.sourceFile || location.href}:${event.lineNumber}`,
      );
    });
  });
  return async () => {
    await page.waitForLoadState("networkidle");
    return [...violations];
  };
}
