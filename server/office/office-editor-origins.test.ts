import { describe, expect, it } from "vitest";
import { officeEditorOrigins } from "@/server/office/office-editor-origins";
import { buildContentSecurityPolicy } from "@/server/http/security-headers";

describe("officeEditorOrigins", () => {
  it("gives the configured editors' origins only, once each", () => {
    expect(
      officeEditorOrigins({
        ONLYOFFICE_URL: "https://docs.hopital.fr/onlyoffice/",
        ONLYOFFICE_JWT_SECRET: "x".repeat(32),
        WOPI_DISCOVERY_URL: "https://cool.hopital.fr:9980/hosting/discovery",
      }),
    ).toEqual(["https://docs.hopital.fr", "https://cool.hopital.fr:9980"]);
    expect(officeEditorOrigins({})).toEqual([]);
    expect(officeEditorOrigins({ ONLYOFFICE_URL: "https://docs.hopital.fr" })).toEqual([]);
    expect(officeEditorOrigins({ WOPI_DISCOVERY_URL: "javascript:alert(1)" })).toEqual([]);
    expect(officeEditorOrigins({ WOPI_DISCOVERY_URL: "not a url" })).toEqual([]);
  });

  it("opens frame-src, script-src and form-action to them and nothing else", () => {
    const csp = buildContentSecurityPolicy({
      nonce: "n",
      development: false,
      editorOrigins: ["https://docs.hopital.fr"],
    });
    expect(csp).toContain("frame-src 'self' https://docs.hopital.fr");
    expect(csp).toContain("form-action 'self' https://docs.hopital.fr");
    expect(csp).toMatch(/script-src 'self' 'nonce-n' 'strict-dynamic' https:\/\/docs\.hopital\.fr/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(buildContentSecurityPolicy({ nonce: "n", development: false })).toContain("frame-src 'self';");
  });
});
