/**
 * A participant's caret colour, derived from their id so everyone sees the same colour for the
 * same person on every page. Dark enough for white name labels to meet contrast (WCAG AA).
 */
const PALETTE = ["#b42318", "#0b5394", "#067647", "#6941c6", "#b54708", "#c11574", "#026aa2", "#3e4784"] as const;

export function userColour(userId: string): string {
  let hash = 0;
  for (let index = 0; index < userId.length; index += 1) hash = (hash * 31 + userId.charCodeAt(index)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0];
}
