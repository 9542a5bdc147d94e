/**
 * The security headers of every response, and the Content Security Policy with a per-request
 * nonce. Pure functions: proxy.ts applies them; tests check them.
 *
 * No `server-only` import: proxy.ts and next.config.ts load this file outside the React server
 * bundle. It holds no secret.
 */

export interface CspOptions {
  nonce: string;
  /** React needs eval for its development tooling only. */
  development: boolean;
  /** Origins of configured backends the browser may reach (e.g. the office editor later). */
  connectOrigins?: string[];
  frameAncestors?: string;
  /**
   * Origins of the office editors a page embeds (the office editor page only): framed, their
   * scripts loaded (OnlyOffice's api.js), forms posted to (a WOPI client's action URL).
   */
  editorOrigins?: string[];
}

export function buildContentSecurityPolicy(options: CspOptions): string {
  const connect = ["'self'", ...(options.connectOrigins ?? [])].join(" ");
  const editors = (options.editorOrigins ?? []).map((origin) => ` ${origin}`).join("");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${editors}${options.development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes are used by React for dynamic values; no inline scripts are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    `frame-src 'self'${editors}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${editors}`,
    `frame-ancestors ${options.frameAncestors ?? "'none'"}`,
  ];
  return directives.join("; ");
}

/** Headers that do not vary per request, applied to every response including static files. */
export const STATIC_SECURITY_HEADERS: Array<{ key: string; value: string }> = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), interest-cohort=()",
  },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * next.config.ts `headers()`: STATIC_SECURITY_HEADERS on every path, except that the embed pages
 * (/embed/v1/**, framed by registered vendors' patient-record software: issue 7) carry no
 * `X-Frame-Options: DENY`; their CSP `frame-ancestors`, set by proxy.ts from EMBED_CLIENTS_FILE,
 * lists exactly the origins allowed to frame them.
 */
export function securityHeaderRules(): Array<{ source: string; headers: Array<{ key: string; value: string }> }> {
  return [
    { source: "/((?!embed/v1/).*)", headers: STATIC_SECURITY_HEADERS },
    { source: "/embed/v1/:path*", headers: STATIC_SECURITY_HEADERS.filter(({ key }) => key !== "X-Frame-Options") },
  ];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Paths that other servers (not browsers) call with POST, and that authenticate the caller by
 * other means: identity providers (back-channel logout: signed token; form_post callbacks:
 * state and PKCE). Later issues add WOPI and the embedding API here.
 */
export const CSRF_EXEMPT_PREFIXES = [
  "/api/auth/backchannel-logout",
  "/api/auth/callback/",
  // The OnlyOffice Document Server's callbacks: a signed link token and the server's own JWT.
  "/api/office/onlyoffice/callback/",
  // WOPI clients call server to server with an access token, never a cookie (server/office/wopi/).
  "/wopi/",
];

/**
 * Cross-site request forgery check for state-changing requests: the browser's Origin (or, when a
 * browser omits it, Sec-Fetch-Site) must show the request comes from the portal's own pages.
 * Browsers always send Origin on cross-site POSTs, and a page cannot forge it or the Host.
 */
export function isCrossSiteRequest(method: string, pathname: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (CSRF_EXEMPT_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return false;
  // The embedding API authenticates by the Authorization header (OAuth2), never a cookie: nothing ambient to forge.
  if (pathname.startsWith("/api/embed/v1/") && headers.has("authorization")) return false;
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (origin && origin !== "null") {
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  // No Origin and no Fetch Metadata: not a browser form or fetch (curl, a server). Without
  // cookies such a request is anonymous anyway; with them it is not a browser-driven forgery.
  return origin === "null";
}
