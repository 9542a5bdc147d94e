"use client";
/**
 * The people search from the browser: GET /api/people?q=&limit=, debounced (the user is still
 * typing), the previous request aborted when the text changes (an old answer never overwrites a
 * newer one), nothing asked below 2 characters. Shared by the people picker and the contacts page.
 */
import { useEffect, useState } from "react";
import { apiUrl, fetchJson } from "@/components/files/api/fetch-json";
import type { PeopleSearchResult } from "@/components/people-picker/person-types";

export const PEOPLE_SEARCH_MIN_CHARS = 2;

export interface PeopleSearchState {
  /** The answer for `query` (null before the first answer, or when the query is too short). */
  result: PeopleSearchResult | null;
  /** The query the result answers. */
  answered: string;
  loading: boolean;
  failed: boolean;
}

export function usePeopleSearch(
  query: string,
  { limit = 8, debounceMs = 200, enabled = true } = {},
): PeopleSearchState {
  const [state, setState] = useState<PeopleSearchState>({ result: null, answered: "", loading: false, failed: false });
  const trimmed = query.trim();
  const active = enabled && trimmed.length >= PEOPLE_SEARCH_MIN_CHARS;

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState((previous) => ({ ...previous, loading: true, failed: false }));
      fetchJson<PeopleSearchResult>(apiUrl("/api/people", { q: trimmed.slice(0, 100), limit }), {
        signal: controller.signal,
      })
        .then((result) => setState({ result, answered: trimmed, loading: false, failed: false }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          void error;
          setState({ result: null, answered: trimmed, loading: false, failed: true });
        });
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [active, trimmed, limit, debounceMs]);

  return active ? state : { result: null, answered: "", loading: false, failed: false };
}
