/**
 * Pro Santé Connect (the development provider's /psc issuer, acr eidas1, JWT userinfo):
 * - a health professional signing in with it gets a session the user menu shows as e-CPS, with the
 *   profession PSC's professional record gives (code 60 → infirmier);
 * - a person the portal already knows through ID CAIH (same RPPS) is not linked silently: the
 *   portal asks for a confirmation on its link page, and cancelling leaves no session and no link.
 */
import { ACCOUNTS, expect, test } from "../fixtures";
import { PortalSignInPage } from "../fixtures/pages";
import { expectNoSession, signIn } from "../fixtures/sign-in";

test("sign-in with Pro Santé Connect shows e-CPS as the authentication method", async ({ page, shell, axe }) => {
  await signIn(page, { account: ACCOUNTS.bruno, provider: "psc" });
  await expect(page).toHaveURL("/");
  await shell.openUserMenu();
  await expect(shell.userName).toHaveText(ACCOUNTS.bruno.displayName);
  await expect(shell.userProfession).toHaveText(ACCOUNTS.bruno.profession);
  await expect(shell.userAuthStrength).toHaveText("Carte CPS ou e-CPS");
  await axe.expectNoSeriousViolations(page, "dashboard (FR, e-CPS session)");
});

test("a first PSC sign-in of someone known through ID CAIH asks to confirm the link; cancelling creates nothing", async ({
  page,
  axe,
}) => {
  // Alice exists through ID CAIH (the setup project signed her in) with the same RPPS.
  await signIn(page, { account: ACCOUNTS.alice, provider: "psc" });
  await expect(page).toHaveURL(/\/auth\/link$/);
  await expect(page.getByRole("heading", { level: 1, name: "Associer cette identité à votre compte" })).toBeVisible();
  await expect(page.getByText("Un compte existe déjà sur ce portail pour votre numéro RPPS.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Confirmer avec .*ID CAIH/ })).toBeVisible();
  await axe.expectNoSeriousViolations(page, "identity link confirmation");

  await page.getByRole("button", { name: "Annuler" }).click();
  await new PortalSignInPage(page).expectShown();
  await expectNoSession(page);
});
