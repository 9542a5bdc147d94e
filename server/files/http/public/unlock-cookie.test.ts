import { beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";

setTestEnv();
const { readShareUnlockCookie, shareUnlockSetCookie, SHARE_UNLOCK_SECONDS } =
  await import("@/server/files/http/public/unlock-cookie");

function cookieHeader(setCookie: string): string {
  return setCookie.split(";")[0] ?? "";
}

describe("share unlock cookie", () => {
  let setCookie: string;
  beforeAll(() => {
    setCookie = shareUnlockSetCookie("tokenAAAAAAAAAAAAAAAAA", "s3cret pass", 1_000_000);
  });

  it("is HttpOnly, SameSite=Lax and short-lived", () => {
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toContain(`Max-Age=${SHARE_UNLOCK_SECONDS}`);
    expect(setCookie).not.toContain("s3cret");
  });

  it("gives the password back for its own token only, and not after it expires", () => {
    const header = cookieHeader(setCookie);
    expect(readShareUnlockCookie("tokenAAAAAAAAAAAAAAAAA", header, 1_000_001)).toBe("s3cret pass");
    expect(readShareUnlockCookie("tokenBBBBBBBBBBBBBBBBB", header.replace(/^[^=]+/, "x"), 1_000_001)).toBeUndefined();
    expect(
      readShareUnlockCookie("tokenAAAAAAAAAAAAAAAAA", header, 1_000_000 + SHARE_UNLOCK_SECONDS * 1000 + 1),
    ).toBeUndefined();
  });

  it("refuses a cookie moved to another link or tampered with", () => {
    const [name, value = ""] = cookieHeader(setCookie).split("=");
    const other = shareUnlockSetCookie("tokenBBBBBBBBBBBBBBBBB", "x", 1_000_000);
    const otherName = cookieHeader(other).split("=")[0];
    // The sealed value under the other link's cookie name: bound to the first token, so refused.
    expect(readShareUnlockCookie("tokenBBBBBBBBBBBBBBBBB", `${otherName}=${value}`, 1_000_001)).toBeUndefined();
    const tampered = `${name}=${value.slice(0, -2)}${value.endsWith("A") ? "B" : "A"}A`;
    expect(readShareUnlockCookie("tokenAAAAAAAAAAAAAAAAA", tampered, 1_000_001)).toBeUndefined();
  });
});
