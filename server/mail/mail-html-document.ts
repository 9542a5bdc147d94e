/**
 * The sanitised body as a standalone document for `<iframe sandbox>` (no allow-scripts, no
 * allow-same-origin): a second wall behind the sanitiser. Its CSP forbids every script, form,
 * base and plugin; images only from data: (the message's own inline parts, embedded by the
 * route) and, once the user allowed them for this message, https:. frame-ancestors 'self' lets
 * only the portal frame it.
 *
 * Inline cid: parts are embedded as data: URLs (up to INLINE_IMAGE_MAX bytes each) because the
 * sandboxed frame has an opaque origin: its image requests would carry no session cookie.
 */
import "server-only";

export const INLINE_IMAGE_MAX = 512 * 1024;

export function mailDocumentCsp(allowRemoteImages: boolean): string {
  const images = allowRemoteImages ? "img-src data: https:" : "img-src data:";
  return [
    "default-src 'none'",
    images,
    "style-src 'unsafe-inline'",
    "font-src data:",
    "frame-ancestors 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    "sandbox allow-popups allow-popups-to-escape-sandbox",
  ].join("; ");
}

export function mailHtmlDocument(bodyHtml: string, lang: string): string {
  return `<!doctype html>
<html lang="${lang === "en" ? "en" : "fr"}"><head><meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<style>
html,body{margin:0;padding:0;background:#fff;color:#1a1a1a}
body{padding:12px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
img{max-width:100%;height:auto}
img[data-remote-image]{display:inline-block;min-width:24px;min-height:24px;background:#eef0f3;outline:1px dashed #9aa3ad}
table{max-width:100%}
pre{white-space:pre-wrap}
blockquote{margin:0 0 0 .5em;padding-left:.75em;border-left:3px solid #c9ced6;color:#444}
</style></head><body>${bodyHtml}</body></html>`;
}
