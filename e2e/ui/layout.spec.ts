/**
 * From a phone (360 px) to a desktop (1280 px): the dashboard never scrolls sideways, with the
 * user menu closed or open.
 */
import { ACCOUNTS, expect, storageStatePath, test } from "../fixtures";
import type { Page } from "@playwright/test";

test.use({ storageState: storageStatePath("alice") });

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [360, 1280]) {
  test(`no horizontal scroll on the dashboard at ${width} px`, async ({ page, shell }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/");
    await shell.expectSignedInAs(ACCOUNTS.alice.displayName);
    await expect(page.locator('[data-widget="news"] [aria-busy="true"]')).toHaveCount(0);
    expect(await horizontalOverflow(page), "user menu open").toBeLessThanOrEqual(0);
    await shell.userMenuToggle.click();
    await expect(shell.userName).toBeHidden();
    expect(await horizontalOverflow(page), "menus closed").toBeLessThanOrEqual(0);
    await shell.launcherToggle.click();
    await expect(shell.launcherNav).toBeVisible();
    expect(await horizontalOverflow(page), "launcher open").toBeLessThanOrEqual(0);
  });
}
