"use client";
/**
 * TanStack Query's client for the Files UI (one per browser tab, created once). Failed reads are
 * retried once (a hiccup on hospital Wi-Fi), but never on 4xx answers: those will not change.
 */
import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "./api/fetch-json";

export function FilesQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 10_000,
            retry: (failures, error) =>
              failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
          },
          mutations: { retry: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
