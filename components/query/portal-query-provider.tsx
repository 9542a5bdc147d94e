"use client";
/**
 * TanStack Query's client for one page of the portal (one per tab). Failed reads are retried once
 * (a hiccup on hospital Wi-Fi), never on 4xx answers: a refusal, a validation error or
 * GROUPWARE_NOT_CONNECTED will not change by asking again. Mutations are never retried: the user
 * decides whether to try again.
 */
import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "@/components/files/api/fetch-json";

export function PortalQueryProvider({ children, staleTimeMs = 15_000 }: { children: ReactNode; staleTimeMs?: number }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: staleTimeMs,
            retry: (failures, error) =>
              failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
          },
          mutations: { retry: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
