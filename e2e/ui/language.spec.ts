/**
 * French by default, English on request: the switch in the user menu changes every visible string
 * and `<html lang>`, and switching back restores French.
 */
import { ACCOUNTS, expect, storageStatePath, test } from "../fixtures";

test.use({ storageState: storageStatePath("alice") });

test("switching FR → EN → FR changes the visible strings and <html lang>", async ({ page, shell, axe }) => {
  await page.goto("/");
  const html = page.locator("html");
  const heading = page.getByRole("heading", { level: 1 });
  await expect(html).toHaveAttribute("lang", "fr");
  await expect(heading).toHaveText(new RegExp(`^(Bonjour|Bonsoir) ${ACCOUNTS.alice.displayName}$`));

  await shell.openUserMenu();
  await shell.menuButton("English").click();
  await expect(html).toHaveAttribute("lang", "en");
  await expect(heading).toHaveText(new RegExp(`^(Hello|Good evening) ${ACCOUNTS.alice.displayName}$`));
  await expect(page).toHaveTitle(/^Dashboard · /);
  await shell.openUserMenu();
  await expect(shell.menuButton("Sign out")).toBeVisible();
  await expect(shell.menuButton("English")).toHaveAttribute("aria-pressed", "true");
  await expect(shell.userAuthStrength).toHaveText("Password");
  await axe.expectNoSeriousViolations(page, "dashboard (EN)");

  // The choice is a cookie: a fresh load of the page stays in English.
  await page.reload();
  await expect(html).toHaveAttribute("lang", "en");

  await shell.openUserMenu();
  await shell.menuButton("Français").click();
  await expect(html).toHaveAttribute("lang", "fr");
  await expect(heading).toHaveText(new RegExp(`^(Bonjour|Bonsoir) ${ACCOUNTS.alice.displayName}$`));
  await expect(page).toHaveTitle(/^Tableau de bord · /);
  await shell.openUserMenu();
  await expect(shell.menuButton("Se déconnecter")).toBeVisible();
  await expect(shell.menuButton("Français")).toHaveAttribute("aria-pressed", "true");
});
