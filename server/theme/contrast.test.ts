import { describe, expect, it } from "vitest";
import { contrastRatio, ensureContrast, INK, readableForeground, WHITE } from "@/server/theme/contrast";
import { buildThemeCss, computeThemeColours } from "@/server/theme/build-theme-css";

describe("contrastRatio", () => {
  it("matches the WCAG reference values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    // #767676 on white is the classic lightest grey that passes AA.
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#ffffff", "#767676")).toBeCloseTo(contrastRatio("#767676", "#ffffff"), 10);
  });

  it("refuses what is not a #rrggbb colour", () => {
    expect(() => contrastRatio("red", "#ffffff")).toThrow(/expected a colour/);
    expect(() => contrastRatio("#fff", "#ffffff")).toThrow(/expected a colour/);
  });
});

describe("readableForeground", () => {
  it("puts white on dark colours and ink on light ones", () => {
    expect(readableForeground("#0b5394")).toBe(WHITE);
    expect(readableForeground("#000000")).toBe(WHITE);
    expect(readableForeground("#ffeb3b")).toBe(INK);
    expect(readableForeground("#ffffff")).toBe(INK);
  });

  it("always reaches AA, whatever the configured colour", () => {
    for (let r = 0; r <= 255; r += 17) {
      for (let g = 0; g <= 255; g += 17) {
        for (let b = 0; b <= 255; b += 17) {
          const colour = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
          expect(contrastRatio(colour, readableForeground(colour)), colour).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });
});

describe("ensureContrast", () => {
  it("keeps a colour that already passes", () => {
    expect(ensureContrast("#0b5394")).toBe("#0b5394");
  });

  it("darkens a pale colour just enough to pass on white", () => {
    const ink = ensureContrast("#ffeb3b");
    expect(contrastRatio(ink, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(ink, WHITE)).toBeLessThan(4.8);
  });

  it("lightens on a dark surface", () => {
    const ink = ensureContrast("#0b5394", "#000000");
    expect(contrastRatio(ink, "#000000")).toBeGreaterThanOrEqual(4.5);
  });
});

describe("computeThemeColours", () => {
  it("gives readable colours for the default and for awkward institution colours", () => {
    for (const primary of ["#0b5394", "#FFEB3B", "#00ff00", "#e30613", "#777777"]) {
      const { brand, onBrand, brandInk } = computeThemeColours(primary);
      expect(contrastRatio(brand, onBrand), primary).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(brandInk, WHITE), primary).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(brandInk, "#f8fafc"), primary).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("emits only the three custom properties", () => {
    expect(buildThemeCss("#0B5394")).toBe(
      ":root{--color-primary:#0b5394;--color-on-primary:#ffffff;--color-primary-ink:#0b5394;}",
    );
  });
});
