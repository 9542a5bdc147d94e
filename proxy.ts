// Runs before every page and API route: a fresh CSP nonce per request, the security headers,
// the cross-site request check on state-changing requests, and the request path for pages that
// send an anonymous visitor to sign in and back.
import { NextResponse, type NextRequest } from "next/server";
import { buildContentSecurityPolicy, isCrossSiteRequest } from "@/server/http/security-headers";
import { EMBED_PAGES_PREFIX } from "@/server/embed/ui-bridge/embed-paths";
import { embedFrameAncestors } from "@/server/embed/ui-bridge/embed-frame-ancestors";
import { OFFICE_PAGES_PREFIX, officeEditorOrigins } from "@/server/office/office-editor-origins";

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (isCrossSiteRequest(request.method, pathname, request.headers)) {
    return NextResponse.json(
      { error: { code: "FORBIDDEN", message: "cross-site request refused (Origin does not match this portal)" } },
      { status: 403 },
    );
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  // Embed pages (issue 7) may be framed by the registered vendors' origins only; all else: 'none'.
  const frameAncestors = pathname.startsWith(EMBED_PAGES_PREFIX) ? embedFrameAncestors(pathname) : undefined;
  // The office editor page may frame (and load the script of) the configured editors only.
  const editorOrigins = pathname.startsWith(OFFICE_PAGES_PREFIX) ? officeEditorOrigins(process.env) : [];
  const csp = buildContentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    ...(frameAncestors ? { frameAncestors } : {}),
    ...(editorOrigins.length > 0 ? { editorOrigins } : {}),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-portal-path", `${pathname}${search}`);
  // When the request arrived: the dashboard counts its widgets' deadline from here, so a slow
  // render before a widget starts loading does not push the degraded state past the budget.
  requestHeaders.set("x-portal-received-at", String(Date.now()));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|icons/|brand/|sw.js|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
