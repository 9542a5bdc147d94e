import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, isLocale, parseLocale } from "@/i18n/locales";

describe("parseLocale", () => {
  it("is French by default", () => {
    expect(DEFAULT_LOCALE).toBe("fr");
    expect(parseLocale(undefined)).toBe("fr");
    expect(parseLocale(null)).toBe("fr");
    expect(parseLocale("")).toBe("fr");
  });

  it("accepts the portal's languages", () => {
    expect(parseLocale("fr")).toBe("fr");
    expect(parseLocale("en")).toBe("en");
  });

  it("tolerates case, blanks and regional tags", () => {
    expect(parseLocale(" EN ")).toBe("en");
    expect(parseLocale("en-GB")).toBe("en");
    expect(parseLocale("fr_CA")).toBe("fr");
  });

  it("falls back to French for anything else", () => {
    expect(parseLocale("de")).toBe("fr");
    expect(parseLocale("english")).toBe("fr");
    expect(parseLocale("<script>")).toBe("fr");
    expect(parseLocale("__proto__")).toBe("fr");
  });
});

describe("isLocale", () => {
  it("narrows only exact values", () => {
    expect(isLocale("en")).toBe(true);
    expect(isLocale("en-GB")).toBe(false);
    expect(isLocale(42)).toBe(false);
  });
});
