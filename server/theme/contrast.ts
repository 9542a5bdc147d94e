/**
 * WCAG 2.1 contrast arithmetic for the institution's primary colour, which comes from
 * configuration and may be anything: a pale yellow must still give readable text. The shell never
 * uses the configured colour as is for text; it uses the colours computed here.
 *
 * Formulas: https://www.w3.org/TR/WCAG21/#dfn-relative-luminance and #dfn-contrast-ratio.
 */
import "server-only";

/** WCAG 2.1 AA for normal text (1.4.3); also covers the 3:1 of large text and UI parts (1.4.11). */
export const AA_TEXT_CONTRAST = 4.5;

export const WHITE = "#ffffff";
/** Near-black rather than #000: the same contrast class, a softer look. */
export const INK = "#111827";
export const BLACK = "#000000";

type TRgb = readonly [number, number, number];

function parseHex(hex: string): TRgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`expected a colour like #0b5394, got ${JSON.stringify(hex)}`);
  return [parseInt(match[1] ?? "", 16), parseInt(match[2] ?? "", 16), parseInt(match[3] ?? "", 16)];
}

function toHex([r, g, b]: TRgb): string {
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
}

function channelLuminance(value: number): number {
  const s = value / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channelLuminance(r) + 0.7152 * channelLuminance(g) + 0.0722 * channelLuminance(b);
}

/** Contrast ratio between two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The text colour to put on a background of the given colour: white or near-black, whichever
 * contrasts more. For mid-tone colours (#777777, #0077dd) neither quite reaches 4.5:1, and pure
 * black is used: white or black always does (the worst case gives about 4.58:1).
 */
export function readableForeground(background: string): string {
  const best = contrastRatio(background, WHITE) >= contrastRatio(background, INK) ? WHITE : INK;
  return contrastRatio(background, best) >= AA_TEXT_CONTRAST ? best : BLACK;
}

/**
 * The colour itself when it reaches `minimum` against `surface`, or else the same hue mixed with
 * near-black (or white, on a dark surface) just enough to reach it: links, focus rings and
 * accents on the page's light surfaces keep the institution's colour and stay readable.
 */
export function ensureContrast(colour: string, surface: string = WHITE, minimum: number = AA_TEXT_CONTRAST): string {
  if (contrastRatio(colour, surface) >= minimum) return colour;
  const target = parseHex(relativeLuminance(surface) > 0.5 ? INK : WHITE);
  const source = parseHex(colour);
  // Binary search on the mix ratio: the smallest change that reaches the minimum.
  let low = 0;
  let high = 1;
  for (let step = 0; step < 20; step += 1) {
    const middle = (low + high) / 2;
    const mixed = toHex(source.map((channel, i) => channel + ((target[i] ?? 0) - channel) * middle) as unknown as TRgb);
    if (contrastRatio(mixed, surface) >= minimum) high = middle;
    else low = middle;
  }
  return toHex(source.map((channel, i) => channel + ((target[i] ?? 0) - channel) * high) as unknown as TRgb);
}
