import { describe, expect, it } from "vitest";
import { createSecretBox } from "@/server/crypto/secret-box";

describe("secret box", () => {
  const box = createSecretBox("a-long-enough-secret-for-the-tests-0123456789");

  it("round-trips and never shows the plaintext", () => {
    const sealed = box.seal("refresh-token-value", "refresh_token:s1");
    expect(sealed).not.toContain("refresh-token-value");
    expect(box.open(sealed, "refresh_token:s1")).toBe("refresh-token-value");
    expect(box.seal("same", "p")).not.toBe(box.seal("same", "p"));
  });

  it("refuses a value moved to another purpose, tampered, or sealed with another key", () => {
    const sealed = box.seal("v", "access_token:s1");
    expect(() => box.open(sealed, "access_token:s2")).toThrow();
    const parts = sealed.split(".");
    parts[2] = Buffer.from("other").toString("base64url");
    expect(() => box.open(parts.join("."), "access_token:s1")).toThrow();
    expect(() => createSecretBox("another-secret-another-secret-0123456789").open(sealed, "access_token:s1")).toThrow();
    expect(() => box.open("garbage", "x")).toThrow(/unknown format/);
  });
});
