/**
 * Sizes for people, in their language: "12 Ko" in French, "12 kB" in English (decimal units, as
 * file managers show them). Used by server components (the dashboard widget) and the client alike.
 */
const UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

const formats = new Map<string, Intl.NumberFormat>();

export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const key = `${locale}:${unit}:${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "unit",
      unit: UNITS[unit],
      unitDisplay: "short",
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format.format(value);
}
