/**
 * Attacks on the sign-in protocol and on state-changing routes. Each one must be refused with a
 * clear error page (or status) and must leave no portal session behind.
 *
 * The callback attacks let the real flow run up to the provider's redirect back to the portal,
 * stop there (`submitLoginAndHoldCallback`), and send the browser a doctored copy instead.
 */
import { ACCOUNTS, expect, test } from "../fixtures";
import { PortalSignInPage } from "../fixtures/pages";
import { expectNoSession, openProviderLogin, signIn, submitLoginAndHoldCallback } from "../fixtures/sign-in";
import { ISSUERS } from "../support/stack";
import type { Page } from "@playwright/test";

const ERROR_PAGE = /\/auth\/error\?/;

function withParam(url: string, name: string, value: string): string {
  const changed = new URL(url);
  changed.searchParams.set(name, value);
  return changed.toString();
}

/** The portal's sign-in error page: a heading, the reason in an alert, a way back. */
async function expectSignInErrorPage(page: Page): Promise<void> {
  await expect(page).toHaveURL(ERROR_PAGE);
  await expect(page.getByRole("heading", { level: 1, name: "Connexion impossible" })).toBeVisible();
  // Inside <main>: Next.js adds its own (empty) role="alert" route announcer to every page.
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("La connexion a échoué");
  await expect(page.getByRole("link", { name: "Retour à la connexion" })).toBeVisible();
  // Auth.js reports every protocol failure as ?error=Configuration; the page must not blame the
  // portal's configuration but say the provider did not confirm the sign-in.
  await expect(alert).toContainText("Le fournisseur d'identité n'a pas pu confirmer votre connexion");
  await expect(alert).not.toContainText("configuration");
}

test.describe("the OIDC callback", () => {
  test("with a tampered state is refused and creates no session", async ({ page, axe }) => {
    const login = await openProviderLogin(page, "idcaih");
    const { url } = await submitLoginAndHoldCallback(login, ACCOUNTS.alice);
    const state = new URL(url).searchParams.get("state") ?? "";
    expect(state).not.toBe("");

    // The code is still unused and the browser still holds its PKCE/state/nonce cookies: only the
    // state differs from what this browser was given.
    await page.goto(withParam(url, "state", `${state.slice(0, -4)}AAAA`));
    await expectSignInErrorPage(page);
    await axe.expectNoSeriousViolations(page, "sign-in error");
    await expectNoSession(page);
  });

  test("with the issuer of another provider (mix-up) is refused and creates no session", async ({ page }) => {
    const login = await openProviderLogin(page, "idcaih");
    const { url } = await submitLoginAndHoldCallback(login, ACCOUNTS.alice);
    expect(new URL(url).searchParams.get("iss")).toBe(ISSUERS.idcaih);

    await page.goto(withParam(url, "iss", ISSUERS.psc));
    await expectSignInErrorPage(page);
    await expectNoSession(page);
  });

  test("replayed after a successful sign-in, in a fresh browser, is refused", async ({ page, shell, openContext }) => {
    const login = await openProviderLogin(page, "idcaih");
    const { url, checkCookies } = await submitLoginAndHoldCallback(login, ACCOUNTS.alice);
    await page.goto(url);
    await expect(page).toHaveURL("/");
    await shell.expectSignedInAs(ACCOUNTS.alice.displayName);

    // An attacker who read the callback URL (a proxy log, the history of a shared workstation).
    const bare = await openContext();
    const barePage = await bare.newPage();
    await barePage.goto(url);
    await expectSignInErrorPage(barePage);
    await expectNoSession(barePage);

    // Even with the browser's check cookies as well, the provider refuses a code used once.
    const armed = await openContext();
    await armed.addCookies(checkCookies);
    const armedPage = await armed.newPage();
    await armedPage.goto(url);
    await expectSignInErrorPage(armedPage);
    await expectNoSession(armedPage);
  });
});

test("a cross-site POST to a state-changing route is refused with 403 and changes nothing", async ({
  page,
  shell,
  openContext,
}) => {
  await signIn(page, { account: ACCOUNTS.alice });
  // The sign-out form is a server action; without JavaScript (as a forged form would be built),
  // its id is the name of a hidden field of the server-rendered form.
  const noScript = await openContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const noScriptPage = await noScript.newPage();
  await noScriptPage.goto("/");
  const signOutButton = noScriptPage.getByRole("button", { name: "Se déconnecter", exact: true, includeHidden: true });
  const actionInput = noScriptPage
    .locator("form")
    .filter({ has: signOutButton })
    .locator('input[type="hidden"][name^="$ACTION_ID_"]');
  await expect(actionInput).toHaveAttribute("name", /^\$ACTION_ID_\w+$/);
  const multipart = { [(await actionInput.getAttribute("name")) ?? ""]: "" };

  // The same request a forged form on another site would make, with alice's cookies.
  const forged = await page.request.post("/", {
    headers: { origin: "https://attacker.example" },
    multipart,
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  await page.goto("/");
  await shell.expectSignedInAs(ACCOUNTS.alice.displayName);

  // The very same request from the portal's own origin does sign out: only the Origin differed.
  const genuine = await page.request.post("/", {
    headers: { origin: new URL(page.url()).origin },
    multipart,
    maxRedirects: 0,
  });
  expect(genuine.status()).toBeLessThan(400);
  await page.goto("/");
  await new PortalSignInPage(page).expectShown();
});
