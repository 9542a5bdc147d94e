"use client";
/**
 * A display preference kept in localStorage (list or grid, sort order). Read through
 * useSyncExternalStore so the server's render and hydration use the default and the stored value
 * follows without a hydration mismatch; other tabs follow through the `storage` event.
 */
import { useCallback, useSyncExternalStore } from "react";

const SAME_TAB_EVENT = "portal-preference";

function subscribe(listener: () => void): () => void {
  window.addEventListener("storage", listener);
  window.addEventListener(SAME_TAB_EVENT, listener);
  return () => {
    window.removeEventListener("storage", listener);
    window.removeEventListener(SAME_TAB_EVENT, listener);
  };
}

export function useStoredPreference<T extends string>(
  key: string,
  parse: (value: string | null) => T,
  fallback: T,
): [T, (value: T) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => parse(localStorage.getItem(key)),
    () => fallback,
  );
  const set = useCallback(
    (next: T) => {
      try {
        localStorage.setItem(key, next);
      } catch {
        // Storage full or disabled: the preference lasts for this page only… or not at all.
      }
      window.dispatchEvent(new Event(SAME_TAB_EVENT));
    },
    [key],
  );
  return [value, set];
}
