import { describe, expect, it } from "vitest";
import {
  buildContentSecurityPolicy,
  isCrossSiteRequest,
  STATIC_SECURITY_HEADERS,
} from "@/server/http/security-headers";

describe("buildContentSecurityPolicy", () => {
  it("allows scripts only by nonce in production, no unsafe-inline or unsafe-eval", () => {
    const csp = buildContentSecurityPolicy({ nonce: "abc123", development: false });
    const scriptSrc = csp.split("; ").find((directive) => directive.startsWith("script-src")) ?? "";
    expect(scriptSrc).toContain("'nonce-abc123'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
  });

  it("adds unsafe-eval only for development tooling", () => {
    expect(buildContentSecurityPolicy({ nonce: "n", development: true })).toContain("'unsafe-eval'");
  });

  it("lists every fixed header", () => {
    const names = STATIC_SECURITY_HEADERS.map((header) => header.key);
    expect(names).toEqual(
      expect.arrayContaining([
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
      ]),
    );
  });
});

describe("isCrossSiteRequest", () => {
  const headers = (entries: Record<string, string>) => new Headers({ host: "portal.test", ...entries });

  it("lets safe methods through", () => {
    expect(isCrossSiteRequest("GET", "/", headers({ origin: "https://evil.test" }))).toBe(false);
  });

  it("refuses a POST from another origin", () => {
    expect(isCrossSiteRequest("POST", "/", headers({ origin: "https://evil.test" }))).toBe(true);
    expect(isCrossSiteRequest("DELETE", "/api/x", headers({ origin: "http://portal.test.evil.test" }))).toBe(true);
  });

  it("accepts a POST from the portal's own pages", () => {
    expect(isCrossSiteRequest("POST", "/", headers({ origin: "https://portal.test" }))).toBe(false);
    expect(isCrossSiteRequest("POST", "/", headers({ "sec-fetch-site": "same-origin" }))).toBe(false);
  });

  it("refuses opaque origins and cross-site fetch metadata", () => {
    expect(isCrossSiteRequest("POST", "/", headers({ origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest("POST", "/", headers({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteRequest("POST", "/", headers({ origin: "not a url" }))).toBe(true);
  });

  it("exempts the provider-to-portal endpoints that authenticate by signed tokens", () => {
    expect(isCrossSiteRequest("POST", "/api/auth/backchannel-logout", headers({ origin: "https://idp.test" }))).toBe(
      false,
    );
  });
});
