/**
 * Signs each saved role in once, through the real OIDC flow (portal sign-in page → ID CAIH button
 * → the provider's login page → back on the dashboard), and saves the browser state the specs
 * start from. A failure here is a failure: no spec runs on a half-made session.
 */
import { ACCOUNTS, SAVED_ROLES, storageStatePath } from "../fixtures/accounts";
import { expect, test as setup } from "../fixtures";
import { SESSION_COOKIE, sessionCookie, signIn } from "../fixtures/sign-in";

for (const role of SAVED_ROLES) {
  setup(`sign in as ${role} through ID CAIH and save the session`, async ({ page, shell }) => {
    const account = ACCOUNTS[role];
    await signIn(page, { account, provider: "idcaih" });
    await expect(page).toHaveURL("/");
    await shell.expectSignedInAs(account.displayName);
    expect(await sessionCookie(page.context()), `${SESSION_COOKIE} cookie`).toBeDefined();
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
