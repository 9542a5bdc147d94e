/**
 * Sign-out ends the portal session and the provider's (RP-initiated logout: the browser goes
 * through the provider and lands on the portal's signed-out page); the old session cookie no longer
 * opens anything; "sign out everywhere" also ends the person's sessions in other browsers.
 *
 * Every session here is a fresh sign-in: the saved states of the other specs are never touched.
 */
import { ACCOUNTS, expect, test } from "../fixtures";
import { PortalSignInPage, ProviderLoginPage, Shell } from "../fixtures/pages";
import { SESSION_COOKIE, sessionCookie, signIn } from "../fixtures/sign-in";

const SIGNED_OUT = /\/auth\/signed-out(\?|$)/;

test("sign-out goes through the provider to the signed-out page, and the old cookie opens nothing", async ({
  page,
  shell,
  openContext,
  axe,
}) => {
  await signIn(page, { account: ACCOUNTS.alice });
  await shell.expectSignedInAs(ACCOUNTS.alice.displayName);
  const cookiesBefore = await page.context().cookies();
  expect(cookiesBefore.map((cookie) => cookie.name)).toContain(SESSION_COOKIE);

  const providerVisited = page.waitForRequest((request) => request.url().includes("/idcaih/session/end"));
  await shell.signOut();
  await providerVisited;
  await expect(page).toHaveURL(SIGNED_OUT);
  await expect(page.getByRole("heading", { level: 1, name: "Vous êtes déconnecté" })).toBeVisible();
  await axe.expectNoSeriousViolations(page, "signed-out");
  expect(await sessionCookie(page.context())).toBeUndefined();

  // Someone who copied the cookie before sign-out (another tab, a saved profile) gets nothing.
  const replay = await openContext();
  await replay.addCookies(cookiesBefore);
  const replayPage = await replay.newPage();
  await replayPage.goto("/");
  await new PortalSignInPage(replayPage).expectShown();

  // The provider's session ended too: signing in again asks for the password (shared workstation).
  await page.getByRole("link", { name: "Se reconnecter" }).click();
  await new PortalSignInPage(page).providerButton("idcaih").click();
  await new ProviderLoginPage(page, "idcaih").expectShown();
});

test("sign out everywhere ends the session of another browser too", async ({ page, shell, openContext }) => {
  // Bruno, through Pro Santé Connect, on two "workstations".
  await signIn(page, { account: ACCOUNTS.bruno, provider: "psc" });
  const other = await openContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, { account: ACCOUNTS.bruno, provider: "psc" });
  const otherShell = new Shell(otherPage);
  await otherShell.expectSignedInAs(ACCOUNTS.bruno.displayName);

  await shell.signOutEverywhere();
  await expect(page).toHaveURL(SIGNED_OUT);

  // Its cookie is still in that browser; the session it names is revoked on the server.
  await otherPage.reload();
  await new PortalSignInPage(otherPage).expectShown();
});
