/**
 * Cross-site request forgery: a POST whose Origin is another site is refused (403) before it
 * reaches a state-changing route, and changes nothing. (The browser-side variant, a forged server
 * action, is in e2e/ui/protocol-attacks.spec.ts.)
 */
import { expect, opensDashboard, test } from "../fixtures/api";
import { PORTAL_URL } from "../support/stack";

test("next-auth's own sign-out endpoint refuses a cross-site POST with 403", async ({ requestAs }) => {
  const alice = await requestAs("alice");
  const response = await alice.post("/api/auth/signout", {
    headers: { origin: "https://attacker.example" },
    form: { callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await opensDashboard(alice)).toBe(true);
});

test("a POST from the portal's own origin is not refused by the cross-site check", async ({ request }) => {
  // A route that takes no POST: anything but the cross-site 403 shows the check let it through.
  const response = await request.post("/api/health", { headers: { origin: PORTAL_URL } });
  expect(response.status()).not.toBe(403);
});
