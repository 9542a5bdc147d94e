/**
 * Sign-in through the real OpenID Connect flow: an anonymous visit is sent to the sign-in page and
 * comes back to where it started; the provider's login page refuses a wrong password without any
 * portal session being created.
 */
import { ACCOUNTS, expect, test } from "../fixtures";
import { PortalSignInPage } from "../fixtures/pages";
import { expectNoSession, openProviderLogin, sessionCookie, signIn } from "../fixtures/sign-in";

test.describe("anonymous visit", () => {
  test("of / is sent to the sign-in page, which offers both providers", async ({ page, axe }) => {
    await page.goto("/");
    const signInPage = new PortalSignInPage(page);
    await signInPage.expectShown();
    await expect(page).toHaveURL(/[?&]callbackUrl=%2F(&|$)/);
    await expect(signInPage.providerButton("idcaih")).toBeVisible();
    await expect(signInPage.providerButton("psc")).toBeVisible();
    await axe.expectNoSeriousViolations(page, "sign-in");
  });

  test("comes back to the page it asked for after signing in", async ({ page, shell }) => {
    // A unique query string: the portal must bring the person back to exactly this address.
    const wanted = `/?e2e=${test.info().testId}`;
    await signIn(page, { account: ACCOUNTS.alice, startAt: wanted });
    await expect(page).toHaveURL(wanted);
    await shell.expectSignedInAs(ACCOUNTS.alice.displayName);
  });
});

test.describe("sign-in at the provider", () => {
  test("alice signs in with her password and reaches the dashboard", async ({ page, shell, axe }) => {
    const login = await openProviderLogin(page, "idcaih");
    await axe.expectNoSeriousViolations(page, "provider login (ID CAIH)");
    await login.signIn(ACCOUNTS.alice.login, "demo");
    await expect(page).toHaveURL("/");
    await shell.expectSignedInAs(ACCOUNTS.alice.displayName);
    expect(await sessionCookie(page.context())).toBeDefined();
  });

  test("a wrong password shows the provider's error and creates no session", async ({ page, axe }) => {
    const login = await openProviderLogin(page, "idcaih");
    const answer = page.waitForResponse(
      (response) => response.url().endsWith("/login") && response.request().method() === "POST",
    );
    await login.signIn(ACCOUNTS.alice.login, "not-the-password");
    expect((await answer).status()).toBe(401);
    // Still on the provider's page, with its error tied to the fields.
    await expect(login.error).toHaveText("Identifiant ou mot de passe incorrect.");
    await expect(login.password).toHaveAttribute("aria-invalid", "true");
    await expect(login.login).toHaveValue(ACCOUNTS.alice.login);
    await axe.expectNoSeriousViolations(page, "provider login with an error");
    await expectNoSession(page);
  });
});
