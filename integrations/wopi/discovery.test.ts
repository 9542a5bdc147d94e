// Discovery: parsing the WOPI client double's document (Office-style apps by name + ext and
// Collabora-style apps by MIME type), choosing actions, filling urlsrc placeholders, caching.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildActionUrl,
  createDiscoverySource,
  DiscoveryError,
  findAction,
  parseDiscovery,
  DISCOVERY_TTL_MS,
} from "@/integrations/wopi/discovery";
import { startWopiClientDouble, type WopiClientDouble } from "@/test/doubles/wopi-client/wopi-client-double";

describe("WOPI discovery", () => {
  let double: WopiClientDouble;
  beforeAll(async () => {
    double = await startWopiClientDouble();
  });
  afterAll(async () => {
    await double.stop();
  });

  const fetchXml = async () => (await fetch(double.discoveryUrl)).text();

  it("parses actions and both proof keys", async () => {
    const discovery = parseDiscovery(await fetchXml());
    expect(discovery.proofKeys?.current.asymmetricKeyType).toBe("rsa");
    expect(discovery.proofKeys?.old).toBeDefined();
    expect(discovery.actions.find((action) => action.name === "edit" && action.ext === "docx")).toMatchObject({
      app: "Word",
      requires: ["locks", "update"],
    });
  });

  it("chooses by extension first, then by MIME type (Collabora), else null", async () => {
    const discovery = parseDiscovery(await fetchXml());
    const docx = findAction(discovery, { extension: ".DOCX", contentType: null }, "edit");
    expect(docx?.app).toBe("Word");
    const pptx = findAction(
      discovery,
      { extension: ".pptx", contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
      "edit",
    );
    expect(pptx?.app).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    expect(findAction(discovery, { extension: ".pdf", contentType: "application/pdf" }, "edit")).toBeNull();
    expect(findAction(discovery, { extension: ".exe", contentType: null }, "view")).toBeNull();
  });

  it("fills known placeholders, drops unknown ones, appends the encoded WOPISrc", async () => {
    const discovery = parseDiscovery(await fetchXml());
    const edit = findAction(discovery, { extension: "docx", contentType: null }, "edit");
    const url = buildActionUrl(edit?.urlsrc ?? "", {
      wopiSrc: "http://portal:3000/wopi/files/4f0c-1",
      language: "fr-FR",
    });
    expect(url).toBe(
      `${double.origin}/editor/app.html?action=edit&ui=fr-FR&rs=fr-FR&WOPISrc=http%3A%2F%2Fportal%3A3000%2Fwopi%2Ffiles%2F4f0c-1`,
    );
    expect(url).not.toMatch(/[<>]/);
    expect(buildActionUrl("https://c/cool.html?", { wopiSrc: "https://p/wopi/files/1", language: "en-US" })).toBe(
      "https://c/cool.html?WOPISrc=https%3A%2F%2Fp%2Fwopi%2Ffiles%2F1",
    );
    expect(buildActionUrl("https://c/x.aspx", { wopiSrc: "s", language: "fr-FR" })).toBe("https://c/x.aspx?WOPISrc=s");
  });

  it("prefers external-https over internal-http when a client publishes both zones", () => {
    const xml = `<wopi-discovery>
      <net-zone name="internal-http"><app name="Word"><action name="edit" ext="docx" urlsrc="http://internal/edit?"/></app></net-zone>
      <net-zone name="external-https"><app name="Word"><action name="edit" ext="docx" urlsrc="https://office/edit?"/></app></net-zone>
    </wopi-discovery>`;
    expect(findAction(parseDiscovery(xml), { extension: "docx", contentType: null }, "edit")?.urlsrc).toBe(
      "https://office/edit?",
    );
    expect(parseDiscovery(xml).proofKeys).toBeNull();
  });

  it("refuses documents that are not discovery", () => {
    expect(() => parseDiscovery("<html><body>proxy error</body></html>")).toThrow(DiscoveryError);
    expect(() =>
      parseDiscovery(
        '<wopi-discovery><net-zone name="x"/><proof-key modulus="AAAA" exponent="AQAB"/></wopi-discovery>',
      ),
    ).toThrow(DiscoveryError);
  });

  it("caches for hours, refreshes at most once a minute, and reports a failing URL", async () => {
    let now = 1_000_000;
    const source = createDiscoverySource({ url: double.discoveryUrl, now: () => now });
    const before = double.discoveryFetches();
    const first = await source.get();
    expect(await source.get()).toBe(first);
    expect(await source.refresh()).toBe(first);
    now += 61_000;
    expect(await source.refresh()).not.toBe(first);
    now += DISCOVERY_TTL_MS;
    await source.get();
    expect(double.discoveryFetches()).toBe(before + 3);
    const broken = createDiscoverySource({ url: `${double.origin}/nowhere` });
    await expect(broken.get()).rejects.toThrow(/HTTP 404/);
  });
});
