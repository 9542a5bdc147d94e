/**
 * The institution's colours as CSS custom properties, overriding the defaults of app/globals.css.
 * Emitted by the root layout in a `<style nonce>`; every value is computed from the validated
 * configuration (a `#rrggbb` colour), so nothing from the outside reaches the CSS.
 */
import "server-only";
import { ensureContrast, readableForeground, WHITE } from "@/server/theme/contrast";

/** The page's light surface (app/globals.css `--color-surface-muted`), on which accents are drawn. */
const PAGE_BACKGROUND = "#f8fafc";

export interface TThemeColours {
  /** The configured colour (`--color-primary`): header band, primary buttons. */
  brand: string;
  /** Text and icons on `brand` (`--color-on-primary`). */
  onBrand: string;
  /** The brand hue where it is text or a focus ring on white or the page background (`--color-primary-ink`). */
  brandInk: string;
}

export function computeThemeColours(primary: string): TThemeColours {
  const brand = primary.toLowerCase();
  // The darker of the two light surfaces decides, so the ink reads on both.
  const brandInk = ensureContrast(ensureContrast(brand, PAGE_BACKGROUND), WHITE);
  return { brand, onBrand: readableForeground(brand), brandInk };
}

export function buildThemeCss(primary: string): string {
  const { brand, onBrand, brandInk } = computeThemeColours(primary);
  return `:root{--color-primary:${brand};--color-on-primary:${onBrand};--color-primary-ink:${brandInk};}`;
}
