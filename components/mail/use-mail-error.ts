"use client";
/**
 * Turns a failed Mail API call into a sentence for the person, from the error's code (never the
 * server's message text, which is for developers). A send refused by the mail server keeps its
 * draft: the sentence says so.
 */
import { useTranslations } from "use-intl";
import { ApiError } from "@/components/files/api/fetch-json";

const KNOWN = [
  "BAD_REQUEST",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "GROUPWARE_NOT_CONNECTED",
  "PAYLOAD_TOO_LARGE",
  "TOO_MANY_REQUESTS",
  "BACKEND_UNAVAILABLE",
  "BACKEND_TIMEOUT",
  "NOT_CONFIGURED",
  "NETWORK",
] as const;

export function useMailError(): (error: unknown) => string {
  const t = useTranslations("mail.errors");
  return (error) => {
    const code = error instanceof ApiError ? error.code : "";
    const known = KNOWN.find((candidate) => candidate === code);
    return known ? t(known) : t("unexpected");
  };
}
