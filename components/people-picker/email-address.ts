/**
 * Client-side check of a typed e-mail address before it becomes a chip: one @, a dot in the
 * domain, no spaces, quotes, angle brackets, separators or control characters (which could smuggle
 * a second address or a header). The server validates again; this only gives instant feedback.
 */
const ATOM = '[^\\s@<>",;:\\\\\\u0000-\\u001f\\u007f]+';
const ADDRESS = new RegExp(`^${ATOM}@${ATOM}\\.${ATOM}$`, "u");

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}
