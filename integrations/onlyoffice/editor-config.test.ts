import { jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { buildEditorConfig, type EditorConfigInput } from "@/integrations/onlyoffice/editor-config";
import { documentTypeFor, onlyOfficeFormat } from "@/integrations/onlyoffice/formats";
import { isValidDocumentKey, newDocumentKey } from "@/integrations/onlyoffice/document-key";
import { verifyCallback } from "@/integrations/onlyoffice/callback";

const SECRET = "a-shared-secret-of-the-document-server";
const key = new TextEncoder().encode(SECRET);

function input(overrides: Partial<EditorConfigInput> = {}): EditorConfigInput {
  return {
    file: { id: "f1", name: "Compte rendu.docx", canWrite: true },
    user: { id: "u1", name: "Alice Martin" },
    mode: "edit",
    key: "k-1",
    documentUrl: "http://portal.internal/api/office/onlyoffice/download/f1?t=x",
    callbackUrl: "http://portal.internal/api/office/onlyoffice/callback/f1?t=y",
    lang: "fr",
    ...overrides,
  };
}

describe("buildEditorConfig", () => {
  it("signs the whole config with HS256 and the shared secret", async () => {
    const config = await buildEditorConfig(input(), SECRET);
    const { payload, protectedHeader } = await jwtVerify(config.token, key, { algorithms: ["HS256"] });
    expect(protectedHeader.alg).toBe("HS256");
    expect(payload).toEqual({ ...config, token: undefined });
    await expect(jwtVerify(config.token, new TextEncoder().encode("another-secret-another-secret"))).rejects.toThrow();
  });

  it("describes the document, the user and the callback as documented", async () => {
    const config = await buildEditorConfig(input(), SECRET);
    expect(config.documentType).toBe("word");
    expect(config.document).toMatchObject({ fileType: "docx", key: "k-1", title: "Compte rendu.docx" });
    expect(config.document.url).toBe(input().documentUrl);
    expect(config.editorConfig).toMatchObject({
      callbackUrl: input().callbackUrl,
      mode: "edit",
      lang: "fr",
      user: { id: "u1", name: "Alice Martin" },
    });
    expect(config.editorConfig.customization.forcesave).toBe(true);
    expect(config.document.permissions.edit).toBe(true);
  });

  it("opens read-only without write permission, whatever the page asked", async () => {
    const config = await buildEditorConfig(input({ file: { id: "f1", name: "a.xlsx", canWrite: false } }), SECRET);
    expect(config.editorConfig.mode).toBe("view");
    expect(config.document.permissions).toMatchObject({ edit: false, review: false, comment: false, download: true });
  });

  it("opens legacy binary formats read-only (the Document Server would save them as OOXML)", async () => {
    const config = await buildEditorConfig(input({ file: { id: "f1", name: "vieux.doc", canWrite: true } }), SECRET);
    expect(config.editorConfig.mode).toBe("view");
    expect(config.document.fileType).toBe("doc");
  });

  it("keeps titles within 128 characters and their extension", async () => {
    const config = await buildEditorConfig(
      input({ file: { id: "f1", name: `${"é".repeat(200)}.pptx`, canWrite: true } }),
      SECRET,
    );
    expect(config.document.title).toHaveLength(128);
    expect(config.document.title.endsWith(".pptx")).toBe(true);
    expect(config.documentType).toBe("slide");
  });

  it("refuses a file type the Document Server does not open", async () => {
    await expect(
      buildEditorConfig(input({ file: { id: "f1", name: "photo.png", canWrite: true } }), SECRET),
    ).rejects.toThrow(/does not open/);
  });
});

describe("documentType mapping", () => {
  it.each([
    ["docx", "word"],
    ["odt", "word"],
    ["doc", "word"],
    ["rtf", "word"],
    ["xlsx", "cell"],
    ["ods", "cell"],
    ["csv", "cell"],
    ["xls", "cell"],
    ["pptx", "slide"],
    ["odp", "slide"],
    ["ppt", "slide"],
    ["pdf", "pdf"],
  ])(".%s opens as %s", (extension, type) => {
    expect(documentTypeFor(extension)).toBe(type);
  });

  it("knows nothing of other types, nor of inherited object keys", () => {
    expect(documentTypeFor("exe")).toBeNull();
    expect(documentTypeFor("constructor")).toBeNull();
    expect(documentTypeFor("")).toBeNull();
  });

  it("marks legacy formats as not editable, with their modern equivalent", () => {
    expect(onlyOfficeFormat("doc")).toMatchObject({ editable: false, convertTo: "docx" });
    expect(onlyOfficeFormat("xls")).toMatchObject({ editable: false, convertTo: "xlsx" });
    expect(onlyOfficeFormat("ppt")).toMatchObject({ editable: false, convertTo: "pptx" });
    expect(onlyOfficeFormat("odp")).toMatchObject({ editable: true });
  });
});

describe("document keys", () => {
  it("are at most 128 characters of [0-9a-zA-Z-._=] and never repeat", () => {
    const keys = new Set(Array.from({ length: 500 }, () => newDocumentKey()));
    expect(keys.size).toBe(500);
    for (const key of keys) {
      expect(key.length).toBeLessThanOrEqual(128);
      expect(isValidDocumentKey(key)).toBe(true);
    }
  });

  it("refuses keys with other characters or too long", () => {
    expect(isValidDocumentKey("a/b")).toBe(false);
    expect(isValidDocumentKey("a b")).toBe(false);
    expect(isValidDocumentKey("x".repeat(129))).toBe(false);
    expect(isValidDocumentKey("")).toBe(false);
  });
});

describe("verifyCallback", () => {
  const callback = { key: "k-1", status: 2, url: "http://docs.internal/cache/out.docx", users: ["u1"] };
  const sign = (payload: Record<string, unknown>, secret = SECRET) =>
    new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret));

  it("trusts the body token's claims, not the JSON around it", async () => {
    const token = await sign(callback);
    const result = await verifyCallback({ ...callback, url: "http://evil.example/x", token }, undefined, SECRET);
    expect(result).toEqual({ ok: true, callback: expect.objectContaining({ url: callback.url, status: 2 }) });
  });

  it("accepts the header token, whose claims wrap the callback in payload", async () => {
    const header = `Bearer ${await sign({ payload: callback })}`;
    const result = await verifyCallback(callback, header, SECRET);
    expect(result.ok && result.callback.key).toBe("k-1");
  });

  it("refuses unsigned callbacks, other secrets, other algorithms and malformed claims", async () => {
    expect(await verifyCallback(callback, undefined, SECRET)).toEqual({ ok: false, reason: "unsigned" });
    const forged = await sign(callback, "not-the-shared-secret-at-all");
    expect(await verifyCallback({ ...callback, token: forged }, undefined, SECRET)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    const unsecured = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(callback)).toString("base64url")}.`;
    expect(await verifyCallback({ token: unsecured }, undefined, SECRET)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    const malformed = await sign({ key: "bad key!", status: 2 });
    expect(await verifyCallback({ token: malformed }, undefined, SECRET)).toEqual({ ok: false, reason: "malformed" });
    const badStatus = await sign({ key: "k", status: 9 });
    expect(await verifyCallback({ token: badStatus }, undefined, SECRET)).toEqual({ ok: false, reason: "malformed" });
  });
});
