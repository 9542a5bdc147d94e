/**
 * The security headers of a page response: a Content Security Policy with a fresh nonce per
 * response and no inline script allowed, HSTS, nosniff, Referrer-Policy, Permissions-Policy and
 * frame-ancestors 'none' — on the public sign-in page and on the signed-in dashboard.
 */
import { expect, test } from "../fixtures/api";
import type { APIResponse } from "@playwright/test";

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

async function expectSecurityHeaders(response: APIResponse): Promise<string> {
  expect(response.status()).toBe(200);
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const policy = directives(csp);
  const scriptSrc = policy.get("script-src") ?? policy.get("default-src") ?? [];
  const nonce = scriptSrc.find((value) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(value));
  expect(nonce, `script-src with a nonce: ${csp}`).toBeDefined();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);

  expect(headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toMatch(
    /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
  );
  expect(headers["permissions-policy"]).toContain("geolocation=()");

  // The page's own scripts carry this response's nonce; none runs without it.
  const html = await response.text();
  const value = (nonce ?? "").slice("'nonce-".length, -1);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every <script> carries the nonce").toContain(`nonce="${value}"`);
  return value;
}

test("the sign-in page has the security headers, with a new nonce on every response", async ({ request }) => {
  const first = await expectSecurityHeaders(await request.get("/auth/sign-in"));
  const second = await expectSecurityHeaders(await request.get("/auth/sign-in"));
  expect(second).not.toBe(first);
});

test("the signed-in dashboard has the security headers", async ({ requestAs }) => {
  const alice = await requestAs("alice");
  const nonce = await expectSecurityHeaders(await alice.get("/", { maxRedirects: 0 }));
  expect(nonce).not.toBe("");
});
