import { describe, expect, it } from "vitest";
import { contentDisposition, isInlineSafe } from "@/server/files/http/content-disposition";

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 8187)", () => {
    expect(contentDisposition("attachment", "Compte rendu été (v2).pdf")).toBe(
      `attachment; filename="Compte rendu ete (v2).pdf"; filename*=UTF-8''Compte%20rendu%20%C3%A9t%C3%A9%20%28v2%29.pdf`,
    );
  });

  it("cannot be broken out of by quotes, backslashes or semicolons in the name", () => {
    const header = contentDisposition("inline", 'a"; filename=evil.html; x="\\.txt');
    expect(header).toBe(
      `inline; filename="a_; filename=evil.html; x=__.txt"; filename*=UTF-8''a%22%3B%20filename%3Devil.html%3B%20x%3D%22%5C.txt`,
    );
  });

  it("replaces what ASCII cannot say in the fallback, keeping the exact name in filename*", () => {
    expect(contentDisposition("attachment", "日本")).toBe(
      `attachment; filename="__"; filename*=UTF-8''%E6%97%A5%E6%9C%AC`,
    );
  });
});

describe("isInlineSafe", () => {
  it.each(["image/png", "image/jpeg", "application/pdf", "text/plain; charset=utf-8", "IMAGE/WEBP"])(
    "shows %s inline",
    (type) => expect(isInlineSafe(type)).toBe(true),
  );
  it.each(["text/html", "image/svg+xml", "application/xml", "text/javascript", "application/octet-stream", ""])(
    "never shows %s inline",
    (type) => expect(isInlineSafe(type)).toBe(false),
  );
});
