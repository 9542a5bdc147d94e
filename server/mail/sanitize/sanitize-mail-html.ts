/**
 * Received mail HTML made safe to display, on the server (the browser never sees the original).
 * Defence in depth: this strict allowlist, then a document with its own CSP (no script at all),
 * shown in an `<iframe sandbox>` without allow-scripts / allow-same-origin (mail-html-document.ts).
 *
 * Choices:
 *  - Elements: text formatting, lists, tables, links and images only. No script/style/template
 *    (dropped with their content), no form controls, frames, object/embed, SVG, MathML, base,
 *    meta, link. `<style>` blocks are dropped too (their selectors can restyle the portal's
 *    placeholder and leak via attribute selectors); inline `style` is kept through a property
 *    allowlist, so most newsletters stay readable.
 *  - Attributes: presentational ones, `href` on links, `src`/`alt` on images; every `on*`,
 *    `srcset`, `formaction`, `xlink:href`, `background`, `class`/`id` (no styling hooks) dropped.
 *  - URLs: links http/https/mailto only; images http/https (remote: blocked unless allowed),
 *    `cid:` (mapped by the caller to the message's own inline part) and `data:` for RASTER images
 *    only (png, gif, jpeg, webp, base64): they are inert pixels, cannot run or fetch, and many mail
 *    clients embed signatures that way. `data:image/svg+xml` is refused (SVG can script).
 *  - Styles: values may not hold `url(`, `expression(`, `@import`, `behavior`, `-moz-binding`,
 *    `javascript:` or backslashes (CSS escapes hide all of those); no `position` at all, so nothing
 *    can overlay the portal's UI around the frame.
 *  - Remote images: replaced by a placeholder (`data-remote-image` keeps nothing of the URL) unless
 *    allowed for this message; `remoteImagesBlocked` tells the UI to offer "show images".
 */
import sanitizeHtml from "sanitize-html";

export interface SanitizeOptions {
  /** Load remote (http/https) images: only after the user asked for this message. */
  allowRemoteImages: boolean;
  /** Maps a cid (without <>) to a URL for the inline part, or null to drop the image. */
  resolveCid?: (contentId: string) => string | null;
}

export interface SanitizedHtml {
  html: string;
  remoteImagesBlocked: boolean;
}

export const ALLOWED_TAGS = [
  "a",
  "abbr",
  "address",
  "article",
  "b",
  "bdi",
  "bdo",
  "big",
  "blockquote",
  "br",
  "caption",
  "center",
  "cite",
  "code",
  "col",
  "colgroup",
  "dd",
  "del",
  "details",
  "dfn",
  "div",
  "dl",
  "dt",
  "em",
  "figcaption",
  "figure",
  "font",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "i",
  "img",
  "ins",
  "kbd",
  "li",
  "main",
  "mark",
  "ol",
  "p",
  "pre",
  "q",
  "s",
  "samp",
  "section",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "summary",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "time",
  "tr",
  "tt",
  "u",
  "ul",
  "var",
  "wbr",
];

const PRESENTATION = [
  "style",
  "title",
  "dir",
  "lang",
  "align",
  "valign",
  "width",
  "height",
  "bgcolor",
  "color",
  "border",
];

/** A CSS value free of every known way to fetch, script or escape. */
const SAFE_CSS_VALUE =
  /^(?!.*(?:url\s*\(|expression|@import|behaviou?r|binding|javascript|vbscript|image-set|\\|\/\*))[-#\w.,%\s"'()!/+]*$/i;

const STYLE_PROPERTIES = [
  "color",
  "background-color",
  "font",
  "font-family",
  "font-size",
  "font-style",
  "font-weight",
  "font-variant",
  "text-align",
  "text-decoration",
  "text-indent",
  "text-transform",
  "line-height",
  "letter-spacing",
  "word-spacing",
  "white-space",
  "vertical-align",
  "direction",
  "margin",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "padding",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "border",
  "border-top",
  "border-right",
  "border-bottom",
  "border-left",
  "border-color",
  "border-style",
  "border-width",
  "border-radius",
  "border-collapse",
  "border-spacing",
  "width",
  "height",
  "max-width",
  "min-width",
  "max-height",
  "min-height",
  "list-style-type",
  "table-layout",
  "text-overflow",
  "overflow-wrap",
  "word-break",
];

const ALLOWED_STYLES: Record<string, RegExp[]> = Object.fromEntries(
  STYLE_PROPERTIES.map((name) => [name, [SAFE_CSS_VALUE]]),
);
ALLOWED_STYLES["display"] = [/^(block|inline|inline-block|table|table-row|table-cell|none|list-item)$/i];

const RASTER_DATA_URL = /^data:image\/(png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]+$/i;

/** The scheme of a URL attribute as a browser would read it (entities already decoded by the parser). */
function schemeOf(url: string): string | null {
  // Browsers drop ASCII whitespace and control characters inside the scheme: "java\tscript:".
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return match?.[1] ? match[1].toLowerCase() : null;
}

export function sanitizeMailHtml(input: string, options: SanitizeOptions): SanitizedHtml {
  let remoteImagesBlocked = false;
  const html = sanitizeHtml(input, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      "*": PRESENTATION,
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt", "data-remote-image"],
      td: ["colspan", "rowspan", "nowrap"],
      th: ["colspan", "rowspan", "nowrap", "scope"],
      table: ["cellpadding", "cellspacing", "summary"],
      col: ["span"],
      colgroup: ["span"],
      font: ["face", "size"],
      ol: ["start", "type", "reversed"],
      ul: ["type"],
      li: ["value"],
      time: ["datetime"],
      details: ["open"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https", "data"] },
    allowedSchemesAppliedToAttributes: [
      "href",
      "src",
      "cite",
      "action",
      "formaction",
      "background",
      "poster",
      "xlink:href",
    ],
    allowProtocolRelative: false,
    allowedStyles: { "*": ALLOWED_STYLES },
    parseStyleAttributes: true,
    disallowedTagsMode: "discard",
    nonTextTags: [
      "script",
      "style",
      "textarea",
      "option",
      "noscript",
      "template",
      "title",
      "head",
      "xmp",
      "iframe",
      "noembed",
      "noframes",
      "plaintext",
      "svg",
      "math",
      "object",
    ],
    enforceHtmlBoundary: false,
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ?? "";
        const scheme = schemeOf(href);
        const safe = scheme === "http" || scheme === "https" || scheme === "mailto";
        const out: Record<string, string> = { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" };
        if (!safe) delete out.href;
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = (attribs.src ?? "").trim();
        const scheme = schemeOf(src);
        const out: Record<string, string> = { ...attribs };
        delete out["data-remote-image"];
        if (scheme === "cid") {
          const resolved = options.resolveCid?.(src.slice(src.indexOf(":") + 1).replace(/^<|>$/g, "")) ?? null;
          if (resolved) out.src = resolved;
          else delete out.src;
        } else if (scheme === "http" || scheme === "https") {
          if (!options.allowRemoteImages) {
            remoteImagesBlocked = true;
            delete out.src;
            out["data-remote-image"] = "blocked";
          }
        } else if (scheme === "data") {
          if (!RASTER_DATA_URL.test(src)) delete out.src;
        } else {
          delete out.src;
        }
        return { tagName, attribs: out };
      },
    },
  });
  return { html, remoteImagesBlocked };
}

/** Plain text to safe HTML (for text-only messages shown in the same frame). */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return `<pre style="white-space: pre-wrap; word-wrap: break-word; font-family: inherit">${escaped}</pre>`;
}
