/**
 * The languages of the portal, shared by the server (cookie, <html lang>) and the browser (the
 * language switch). French is the default: the portal serves French hospitals first.
 *
 * No server imports here: components/ may import this file.
 */

export const LOCALES = ["fr", "en"] as const;

export type TLocale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: TLocale = "fr";

/** Cookie that remembers the chosen language (set by server/actions/locale-actions.ts). */
export const LOCALE_COOKIE = "portal-locale";

/**
 * Time zone used to format dates and times, on the server and in the browser alike, so that a
 * server-rendered time and its hydrated twin agree. Hospitals of metropolitan France live in
 * Europe/Paris; an overseas institution will need this from configuration.
 */
export const TIME_ZONE = "Europe/Paris";

/** Each language's name in that language, as the language switch shows it. */
export const LOCALE_NATIVE_NAMES: Record<TLocale, string> = { fr: "Français", en: "English" };

export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Reads a locale from a cookie value or a language tag. Tolerant on purpose ("en-GB", " EN "),
 * because the value comes from the browser; anything unknown falls back to French.
 */
export function parseLocale(value: string | null | undefined): TLocale {
  if (typeof value !== "string") return DEFAULT_LOCALE;
  const primary = value.trim().toLowerCase().split(/[-_]/, 1)[0];
  return isLocale(primary) ? primary : DEFAULT_LOCALE;
}
