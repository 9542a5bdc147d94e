import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRouteLabeler, labelMethod, readAppRoutes, readPublicFiles } from "@/server/http/route-label";

const APP_ROUTES = [
  "/",
  "/api/health",
  "/api/ready",
  "/api/metrics",
  "/api/auth/[...nextauth]",
  "/files/[[...path]]",
  "/documents/[documentId]",
  "/documents/new",
  "/(workspace)/mail/[folder]/[messageId]",
  "/_not-found",
];

describe("route labels", () => {
  const labeler = createRouteLabeler(APP_ROUTES, ["/brand/logo.svg", "/sw.js"]);
  const label = (url: string): string => labeler.labelUrl(url);

  it("labels known routes and drops the query string", () => {
    expect(label("/")).toBe("/");
    expect(label("/api/ready?verbose=1")).toBe("/api/ready");
    expect(label("/api/health/")).toBe("/api/health");
  });

  it("replaces dynamic segments with their placeholder, never the value", () => {
    expect(label("/documents/3f2a-9c1e")).toBe("/documents/[documentId]");
    expect(label("/mail/INBOX/4711")).toBe("/mail/[folder]/[messageId]");
    expect(label("/api/auth/callback/idcaih?code=secret&state=x")).toBe("/api/auth/[...nextauth]");
    const patientFile = label("/files/Service%20cardio/Compte-rendu%20Dupont%20Jean.docx");
    expect(patientFile).toBe("/files/[[...path]]");
    expect(label("/files")).toBe("/files/[[...path]]");
  });

  it("prefers a static segment over a dynamic one", () => {
    expect(label("/documents/new")).toBe("/documents/new");
  });

  it("groups build assets and public files, and calls anything else other", () => {
    expect(label("/_next/static/chunks/app/page-0123abcd.js")).toBe("/_next/static/*");
    expect(label("/_next/image?url=%2Fx.png&w=64")).toBe("/_next/image");
    expect(label("/_next/data/build/x.json")).toBe("/_next/*");
    expect(label("/brand/logo.svg")).toBe("/public/*");
    expect(label("/wp-admin/install.php")).toBe("other");
    expect(label("/documents/a/b")).toBe("other");
    expect(labeler.labelUrl(undefined)).toBe("other");
    expect(label("http://evil.example/api/ready")).toBe("/api/ready");
  });

  it("keeps only known methods", () => {
    expect(labelMethod("get")).toBe("GET");
    expect(labelMethod("PROPFIND")).toBe("PROPFIND");
    expect(labelMethod("X-SCANNER-42")).toBe("OTHER");
    expect(labelMethod(undefined)).toBe("OTHER");
  });

  it("reads a build's app routes and the public folder", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "route-label-"));
    writeFileSync(
      path.join(dir, "app-path-routes-manifest.json"),
      JSON.stringify({
        "/api/ready/route": "/api/ready",
        "/(shell)/page": "/",
        "/files/[[...path]]/page": "/files/[[...path]]",
      }),
    );
    expect(readAppRoutes(dir).sort()).toEqual(["/", "/api/ready", "/files/[[...path]]"]);
    expect(readAppRoutes(path.join(dir, "missing"))).toEqual([]);
    mkdirSync(path.join(dir, "public", "brand"), { recursive: true });
    writeFileSync(path.join(dir, "public", "brand", "logo.svg"), "<svg/>");
    writeFileSync(path.join(dir, "public", "sw.js"), "");
    expect(readPublicFiles(path.join(dir, "public")).sort()).toEqual(["/brand/logo.svg", "/sw.js"]);
  });
});
