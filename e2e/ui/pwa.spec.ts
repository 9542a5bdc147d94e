/**
 * The portal as an installable app: a valid web manifest with its icons, a service worker that
 * registers, and, once it is installed, an offline page when the network is gone.
 */
import { ACCOUNTS, expect, storageStatePath, test } from "../fixtures";

test.use({ storageState: storageStatePath("alice") });

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

test("the web manifest is valid and its icons are served", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");

  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const manifest = (await response.json()) as Record<string, unknown>;
  expect(manifest).toMatchObject({ start_url: "/", scope: "/", display: "standalone", lang: "fr" });
  expect(manifest.name).toEqual(expect.any(String));
  expect(manifest.short_name).toEqual(expect.any(String));
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);

  const icons = manifest.icons as ManifestIcon[];
  // Installable on Android and desktop: a 192 px and a 512 px PNG, and a maskable one.
  expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(icons.some((icon) => icon.purpose?.split(" ").includes("maskable"))).toBe(true);
  for (const icon of icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toContain(icon.type ?? "");
  }
});

test("the service worker registers, and offline a navigation shows the offline page", async ({
  page,
  context,
  shell,
  axe,
}) => {
  await page.goto("/");
  await shell.expectSignedInAs(ACCOUNTS.alice.displayName);
  const scope = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.scope;
  });
  expect(scope).toBe(new URL("/", page.url()).href);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
    .toMatch(/\/sw\.js$/);

  await context.setOffline(true);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Vous êtes hors ligne" })).toBeVisible();
  // Nothing of alice's dashboard was kept for the offline page.
  await expect(page.getByText(ACCOUNTS.alice.displayName)).toHaveCount(0);
  await axe.expectNoSeriousViolations(page, "offline");

  await context.setOffline(false);
  await page.getByRole("link", { name: "Réessayer" }).first().click();
  await shell.expectSignedInAs(ACCOUNTS.alice.displayName);
});
