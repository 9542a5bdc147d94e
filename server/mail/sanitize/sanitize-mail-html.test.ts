/**
 * The sanitiser against the hostile corpus: the OUTPUT is parsed again (as a browser would) and
 * every element, attribute, URL and style checked against what may run or fetch. A payload may
 * remain as inert text (`&lt;script&gt;…` shows as characters), never as markup. Also: remote
 * images blocked by default and reported, allowed on request; ordinary formatting preserved.
 */
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { HOSTILE_MAIL } from "@/test/fixtures/hostile-mail/corpus";
import { ALLOWED_TAGS, sanitizeMailHtml } from "./sanitize-mail-html";

interface Finding {
  problem: string;
}

function audit(html: string, allowRemoteImages: boolean): Finding[] {
  const findings: Finding[] = [];
  const allowed = new Set(ALLOWED_TAGS);
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!allowed.has(name)) findings.push({ problem: `element <${name}>` });
        for (const [attribute, raw] of Object.entries(attributes)) {
          const value = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
          // A payload may survive as inert TEXT (or an escaped tooltip), never in an active attribute.
          if (value.includes("__pwned") && attribute !== "title" && attribute !== "alt")
            findings.push({ problem: `payload in ${attribute}` });
          if (attribute.startsWith("on")) findings.push({ problem: `handler ${attribute}` });
          if (
            [
              "srcset",
              "formaction",
              "xlink:href",
              "background",
              "action",
              "poster",
              "dynsrc",
              "lowsrc",
              "id",
              "class",
            ].includes(attribute)
          )
            findings.push({ problem: `attribute ${attribute}` });
          if (attribute === "href" && !/^(https?:|mailto:)/.test(value)) findings.push({ problem: `href ${raw}` });
          if (attribute === "src") {
            const ok =
              (allowRemoteImages && /^https:|^http:/.test(value)) ||
              /^data:image\/(png|gif|jpe?g|webp);base64,/.test(value) ||
              value.startsWith("/api/mail/attachment?");
            if (!ok) findings.push({ problem: `src ${raw}` });
          }
          if (attribute === "style" && /url\(|expression|@import|behaviou?r|binding|position|\\|javascript/.test(value))
            findings.push({ problem: `style ${raw}` });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const flat = html.toLowerCase();
  if (/<\s*script|javascript:|vbscript:|data:text|<svg|<math|<iframe|<base|<meta|<link|<form|<style/.test(flat))
    findings.push({ problem: "dangerous text in output" });
  return findings;
}

describe("sanitizeMailHtml against the hostile corpus", () => {
  it.each(HOSTILE_MAIL.map((entry) => [entry.name, entry.html] as const))("%s: nothing survives", (_name, html) => {
    for (const allowRemoteImages of [false, true]) {
      const { html: out } = sanitizeMailHtml(html, { allowRemoteImages });
      expect(audit(out, allowRemoteImages), out).toEqual([]);
    }
  });

  it("has a corpus worth the name", () => {
    expect(HOSTILE_MAIL.length).toBeGreaterThan(60);
    expect(new Set(HOSTILE_MAIL.map((entry) => entry.name)).size).toBe(HOSTILE_MAIL.length);
  });
});

describe("sanitizeMailHtml on ordinary mail", () => {
  it("keeps formatting, tables, safe styles and links", () => {
    const input =
      '<div style="color: #336699; font-weight: bold; position: absolute">Bonjour</div>' +
      '<table cellpadding="4"><tr><td colspan="2" style="padding: 4px; border: 1px solid #ccc">cellule</td></tr></table>' +
      '<a href="https://hopital.test/rdv">rendez-vous</a> <a href="mailto:a@b.test">écrire</a>';
    const { html, remoteImagesBlocked } = sanitizeMailHtml(input, { allowRemoteImages: false });
    expect(html).toContain("color:#336699");
    expect(html).toContain("font-weight:bold");
    expect(html).not.toContain("position");
    expect(html).toContain('<td colspan="2" style="padding:4px;border:1px solid #ccc">cellule</td>');
    expect(html).toContain('href="https://hopital.test/rdv" target="_blank" rel="noopener noreferrer nofollow"');
    expect(html).toContain('href="mailto:a@b.test"');
    expect(remoteImagesBlocked).toBe(false);
  });

  it("blocks remote images unless allowed, and says so", () => {
    const input = '<p>x</p><img src="https://news.test/banner.png" alt="bannière">';
    const blocked = sanitizeMailHtml(input, { allowRemoteImages: false });
    expect(blocked.remoteImagesBlocked).toBe(true);
    expect(blocked.html).toContain('data-remote-image="blocked"');
    expect(blocked.html).not.toContain("news.test");
    const allowed = sanitizeMailHtml(input, { allowRemoteImages: true });
    expect(allowed.remoteImagesBlocked).toBe(false);
    expect(allowed.html).toContain('src="https://news.test/banner.png"');
  });

  it("maps cid: images through the resolver and keeps raster data: images only", () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    const input = `<img src="cid:logo@x"><img src="cid:unknown"><img src="${png}"><img src="data:image/svg+xml;base64,PHN2Zz4=">`;
    const { html } = sanitizeMailHtml(input, {
      allowRemoteImages: false,
      resolveCid: (id) =>
        id === "logo@x" ? "/api/mail/attachment?folder=INBOX&uid=3&part=2&disposition=inline" : null,
    });
    expect(html).toContain('src="/api/mail/attachment?folder=INBOX&amp;uid=3&amp;part=2&amp;disposition=inline"');
    expect(html).toContain(`src="${png}"`);
    expect(html.match(/<img/g)?.length).toBe(4);
    expect(html.match(/src=/g)?.length).toBe(2);
  });
});
