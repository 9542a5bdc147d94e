import { describe, expect, it } from "vitest";
import { authErrorKey } from "@/components/auth/auth-error-key";

describe("authErrorKey", () => {
  it("shows nothing without an error", () => {
    expect(authErrorKey(undefined)).toBeNull();
    expect(authErrorKey("")).toBeNull();
  });

  it("maps next-auth's codes to friendly messages", () => {
    expect(authErrorKey("AccessDenied")).toBe("accessDenied");
    expect(authErrorKey("Configuration")).toBe("providerFailed");
    expect(authErrorKey("Verification")).toBe("verification");
    expect(authErrorKey("OAuthCallbackError")).toBe("providerFailed");
    expect(authErrorKey("OAuthAccountNotLinked")).toBe("accountNotLinked");
    expect(authErrorKey("MissingCSRF")).toBe("expiredRequest");
    expect(authErrorKey("SessionRequired")).toBe("sessionRequired");
  });

  it("maps the portal's own codes", () => {
    expect(authErrorKey("UnknownProvider")).toBe("configuration");
    expect(authErrorKey("SessionExpired")).toBe("sessionExpired");
  });

  it("never echoes an unknown or crafted value", () => {
    expect(authErrorKey("<script>alert(1)</script>")).toBe("default");
    expect(authErrorKey("constructor")).toBe("default");
    expect(authErrorKey("__proto__")).toBe("default");
    expect(authErrorKey("accessdenied")).toBe("default");
  });

  it("takes the first of repeated parameters", () => {
    expect(authErrorKey(["AccessDenied", "Configuration"])).toBe("accessDenied");
  });
});
