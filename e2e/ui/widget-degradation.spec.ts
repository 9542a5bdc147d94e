/**
 * A module whose backend fails degrades alone: with the news feed refusing connections, and again
 * with it accepting but never answering, the shell and the other widgets render normally and the
 * news widget shows its degraded state within 3 seconds of the start of the navigation.
 *
 * The time is measured in the browser, from the navigation's start (performance.timeOrigin) to the
 * first moment the degraded state is visible, and attached to the report as an annotation.
 */
import { ACCOUNTS, expect, storageStatePath, test } from "../fixtures";
import { widget, widgetUnavailable } from "../fixtures/pages";
import type { FeedMode } from "../support/feed-control";
import type { Page } from "@playwright/test";

const DEGRADED_WITHIN_MS = 3_000;

test.use({ storageState: storageStatePath("alice") });

const SHELL = '[data-testid="user-menu-toggle"]';
const NEWS_DEGRADED = '[data-widget="news"] [data-widget-state="unavailable"]';

/**
 * Records, in the page, when the shell and the news widget's degraded state first become visible
 * (milliseconds since the navigation started). Installed before the document loads; streamed
 * chunks arrive hidden and are then moved into place, so "visible" means rendered with a box.
 */
async function recordFirstVisible(page: Page): Promise<void> {
  await page.addInitScript(
    (targets) => {
      const seen: Record<string, number> = {};
      Reflect.set(window, "__e2eFirstVisible", seen);
      const check = (): void => {
        for (const [name, selector] of Object.entries(targets)) {
          if (name in seen) continue;
          const element = document.querySelector(selector);
          if (element && !element.closest("[hidden]") && element.getClientRects().length > 0)
            seen[name] = performance.now();
        }
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
      const timer = setInterval(() => {
        check();
        if (Object.keys(seen).length === Object.keys(targets).length) clearInterval(timer);
      }, 10);
    },
    { shell: SHELL, degraded: NEWS_DEGRADED },
  );
}

async function firstVisibleTimes(page: Page): Promise<{ shell: number; degraded: number }> {
  return page.evaluate(() => Reflect.get(window, "__e2eFirstVisible") as { shell: number; degraded: number });
}

const cases: Array<{ mode: FeedMode; detail: string }> = [
  { mode: "refuse", detail: "Ce service ne répond pas pour l'instant. Le reste du portail fonctionne normalement." },
  { mode: "hang", detail: "Ce service met trop de temps à répondre. Le reste du portail fonctionne normalement." },
];

for (const { mode, detail } of cases) {
  test(`with the news feed in "${mode}" mode, only the news widget degrades, within 3 s`, async ({
    page,
    shell,
    feed,
    axe,
  }) => {
    await feed.setMode(mode);
    await recordFirstVisible(page);
    await page.goto("/", { waitUntil: "commit" });
    await expect(page.locator(NEWS_DEGRADED)).toBeVisible();
    await expect(page.locator(SHELL)).toBeVisible();
    const { shell: shellAfterMs, degraded: degradedAfterMs } = await firstVisibleTimes(page);
    const timing = `${mode}: shell visible after ${Math.round(shellAfterMs)} ms, news degraded after ${Math.round(degradedAfterMs)} ms`;
    test.info().annotations.push({ type: "timing", description: timing });
    console.log(`[timing] ${timing}`);
    expect(degradedAfterMs, "news widget degraded state, ms after navigation start").toBeLessThan(DEGRADED_WITHIN_MS);
    // The shell did not wait for the failing backend.
    expect(shellAfterMs).toBeLessThanOrEqual(degradedAfterMs);

    const degraded = widgetUnavailable(page, "news");
    await expect(degraded).toContainText("Service momentanément indisponible");
    await expect(degraded).toContainText(detail);
    await expect(degraded.getByRole("link", { name: "Réessayer : Actualités" })).toHaveAttribute("href", "/");
    // No technical reason (it could name an internal host) reaches the page.
    await expect(degraded).not.toContainText(/127\.0\.0\.1|ECONNREFUSED|timeout|feed\.xml/i);

    // Everything else works: the header, the user menu, the other widget.
    await shell.expectSignedInAs(ACCOUNTS.alice.displayName);
    await expect(widget(page, "account").getByText("Cette session", { exact: true })).toBeVisible();
    await expect(widgetUnavailable(page, "account")).toHaveCount(0);
    await axe.expectNoSeriousViolations(page, `dashboard with the news widget degraded (${mode})`);

    // The backend comes back: the retry link shows the news again.
    await feed.setMode("ok");
    await degraded.getByRole("link", { name: "Réessayer : Actualités" }).click();
    await expect(widget(page, "news").getByRole("list")).toBeVisible();
    await expect(widgetUnavailable(page, "news")).toHaveCount(0);
  });
}
