import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const COLOR_SCHEMES = ["light", "dark"] as const;
const FAILING_IMPACTS = new Set(["serious", "critical"]);

/**
 * axe for the page. A page without frames is checked with axe.run in the page itself (the
 * builder's legacy mode): the same rules and results, without the blank page the default mode
 * opens for every run to merge the results of each frame, which took most of each run's time
 * (about 6 s of a 7 s run on /stats, 2.5 s in legacy mode). A page with frames gets the default mode.
 */
function axeOf(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(page.frames().length === 1);
}

/**
 * Runs axe on the page as it is now, at a desktop and a phone width, in the light and the dark
 * theme, and throws with one line per serious or critical finding (rule, impact, element, help).
 * Restores the page's viewport and colour scheme afterwards. axe is injected through the DevTools
 * protocol, which the page's Content-Security-Policy does not govern, so it works (and reports no
 * violation) with the policy in force.
 */
export async function expectNoSeriousA11yViolations(page: Page, name = new URL(page.url()).pathname): Promise<void> {
  const original = page.viewportSize();
  const findings: string[] = [];
  try {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      for (const colorScheme of COLOR_SCHEMES) {
        await page.emulateMedia({ colorScheme });
        // Colours transition when the scheme flips; axe must see where they end, not a frame between.
        // A transition cancelled by the next one rejects its promise: that one has ended too.
        await page.evaluate(() =>
          Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
        );
        const results = await axeOf(page).analyze();
        for (const violation of results.violations) {
          if (!FAILING_IMPACTS.has(violation.impact ?? "")) continue;
          for (const node of violation.nodes) {
            findings.push(
              `${viewport.width}px ${colorScheme}: ${violation.id} (${violation.impact}) at ${node.target.join(" ")}: ${violation.help}` +
                (node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, " ").trim()}]` : ""),
            );
          }
        }
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: null });
    if (original) await page.setViewportSize(original);
  }
  if (findings.length > 0) {
    throw new Error(`axe found ${findings.length} serious or critical problem(s) on ${name}:\n${findings.join("\n")}`);
  }
}
