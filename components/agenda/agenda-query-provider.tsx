"use client";
/**
 * TanStack Query's client for the Agenda page (one per tab). Failed reads are retried once (a
 * hiccup on hospital Wi-Fi), never on 4xx answers: GROUPWARE_NOT_CONNECTED will not change by
 * asking again.
 */
import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "@/components/files/api/fetch-json";

export function AgendaQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            retry: (failures, error) =>
              failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
          },
          mutations: { retry: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
