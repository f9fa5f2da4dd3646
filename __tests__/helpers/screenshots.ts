import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

/** Where the browser tests put screenshots to look at (MESA_SCREENSHOTS_DIR); none when unset. */
const SHOTS = process.env.MESA_SCREENSHOTS_DIR;

/**
 * Full-page screenshots of the page as it is, at 1280 and 390 px (`name-1280.png`), or with
 * `themes` in the light and the dark theme too (`name-light-1280.png`); the viewport and theme are
 * put back afterwards.
 */
export async function snap(page: Page, name: string, { themes = false }: { themes?: boolean } = {}): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const colorScheme of themes ? (["light", "dark"] as const) : [null]) {
    if (colorScheme) {
      await page.emulateMedia({ colorScheme });
      // Colours transition when the scheme flips: the picture is taken where they end.
      await page.evaluate(() =>
        Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
      );
    }
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const file = colorScheme ? `${name}-${colorScheme}-${width}.png` : `${name}-${width}.png`;
      await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
    }
  }
  if (themes) await page.emulateMedia({ colorScheme: null });
  if (original) await page.setViewportSize(original);
}
