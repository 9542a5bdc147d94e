/**
 * The signed-in shell and the dashboard: the header (institution from configuration, app launcher,
 * user menu with name, profession and how the person authenticated) and one widget per enabled
 * module — here the news feed (NEWS_FEED_URL points at the stand-in) and the account's sessions.
 */
import { ACCOUNTS, expect, storageStatePath, test } from "../fixtures";
import { widget } from "../fixtures/pages";
import { signIn } from "../fixtures/sign-in";
import { INSTITUTION_NAME } from "../support/stack";

test.describe("as alice (médecin, ID CAIH password)", () => {
  test.use({ storageState: storageStatePath("alice") });

  test("the header shows the institution, the launcher and alice's user menu", async ({ page, shell, axe }) => {
    await page.goto("/");
    await expect(shell.header).toBeVisible();
    await expect(shell.homeLink).toContainText(INSTITUTION_NAME);
    await expect(page).toHaveTitle(new RegExp(INSTITUTION_NAME));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(ACCOUNTS.alice.displayName);

    await shell.launcherToggle.click();
    await expect(shell.launcherNav).toBeVisible();
    await expect(shell.launcherNav.getByRole("link", { name: "Accueil" })).toHaveAttribute("href", "/");

    await shell.openUserMenu();
    await expect(shell.launcherNav).toBeHidden();
    await expect(shell.userName).toHaveText(ACCOUNTS.alice.displayName);
    await expect(shell.userProfession).toHaveText(ACCOUNTS.alice.profession);
    await expect(shell.userAuthStrength).toHaveText("Mot de passe");
    await expect(shell.menuButton("Se déconnecter")).toBeVisible();
    await expect(shell.menuButton("Se déconnecter partout")).toBeVisible();
    await axe.expectNoSeriousViolations(page, "dashboard (FR) with the user menu open");
  });

  test("the dashboard shows the widget of each enabled module", async ({ page, feed, openContext, axe }) => {
    // Seed: news items of this test's own, and a second session of alice's on another browser.
    const headline = `Note de service ${test.info().testId}`;
    await feed.setItems([
      { title: headline, pubDate: "Mon, 23 Nov 2026 07:30:00 GMT" },
      { title: "Fermeture du parking visiteurs", pubDate: "Sun, 22 Nov 2026 07:30:00 GMT" },
    ]);
    const otherBrowser = await openContext();
    await signIn(await otherBrowser.newPage(), { account: ACCOUNTS.alice });
    await page.goto("/");

    const news = widget(page, "news");
    await expect(news.getByRole("heading", { name: "Actualités" })).toBeVisible();
    const items = news.getByRole("list", { name: "Dernières actualités de l'établissement" }).getByRole("listitem");
    await expect(items).toHaveCount(2);
    // Newest first, with the date in French.
    await expect(items.first()).toContainText(headline);
    await expect(items.first().locator("time")).toHaveText("23 novembre 2026");
    // Feed links open elsewhere without a handle on the portal.
    await expect(items.first().getByRole("link")).toHaveAttribute("rel", "noopener noreferrer");

    const sessions = widget(page, "account");
    await expect(sessions.getByRole("heading", { name: "Mes sessions" })).toBeVisible();
    await expect(sessions.getByText("Cette session", { exact: true })).toBeVisible();
    // The other browser's session is listed with a button that closes it.
    await expect(sessions.getByRole("button", { name: /Fermer .*session/ }).first()).toBeVisible();

    await axe.expectNoSeriousViolations(page, "dashboard (FR)");
  });
});

test.describe("as chloe (administratrice)", () => {
  test.use({ storageState: storageStatePath("chloe") });

  test("the user menu shows her own name and profession", async ({ page, shell }) => {
    await page.goto("/");
    await shell.openUserMenu();
    await expect(shell.userName).toHaveText(ACCOUNTS.chloe.displayName);
    await expect(shell.userProfession).toHaveText(ACCOUNTS.chloe.profession);
    await expect(shell.userAuthStrength).toHaveText("Mot de passe");
  });
});
