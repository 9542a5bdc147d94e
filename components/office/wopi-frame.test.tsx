// The WOPI frame's markup: the token only in the hidden form's POST fields, never in the URL the
// iframe or the form shows; the form targets the iframe by name. (The POST itself, into the WOPI
// client double's page, is exercised in server/office/wopi/open-wopi-session.db.test.ts.)
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WopiFrame } from "@/components/office/wopi-frame";

describe("WopiFrame", () => {
  it("posts access_token and access_token_ttl into the named iframe, never in a URL", () => {
    const html = renderToStaticMarkup(
      <WopiFrame
        actionUrl="https://office.hopital.test/browser/cool.html?ui=fr-FR&WOPISrc=https%3A%2F%2Fportail%2Fwopi%2Ffiles%2F42"
        accessToken="eyJhbGciOiJIUzI1NiJ9.payload.signature"
        accessTokenTtl={1_800_000_000_000}
        title="Éditeur du document"
      />,
    );
    expect(html).toContain('method="post"');
    expect(html).toContain('action="https://office.hopital.test/browser/cool.html?ui=fr-FR&amp;WOPISrc=');
    expect(html).toContain('name="access_token" value="eyJhbGciOiJIUzI1NiJ9.payload.signature"');
    expect(html).toContain('name="access_token_ttl" value="1800000000000"');
    const target = /target="([^"]+)"/.exec(html)?.[1];
    expect(target).toBeTruthy();
    expect(html).toContain(`<iframe name="${target}"`);
    expect(html).toContain('title="Éditeur du document"');
    expect(html).not.toMatch(/src="[^"]*eyJhbGciOiJIUzI1NiJ9/);
    expect(html).not.toMatch(/action="[^"]*access_token/);
  });
});
