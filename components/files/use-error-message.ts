"use client";
/**
 * Turns a thrown error into a sentence for the person, in their language, from the API's error
 * code (components/files/api/fetch-json.ts). Server messages are for developers and may be in
 * English: they are never shown as such.
 */
import { useTranslations } from "use-intl";
import { ApiError } from "./api/fetch-json";
import { formatBytes } from "./format-bytes";

const KNOWN = [
  "NOT_FOUND",
  "CONFLICT",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "BAD_REQUEST",
  "TOO_MANY_REQUESTS",
  "NETWORK",
  "BACKEND_UNAVAILABLE",
  "BACKEND_TIMEOUT",
] as const;

export function useErrorMessage(maxUploadBytes: number, locale: string): (error: unknown) => string {
  const t = useTranslations("files.errors");
  return (error) => {
    const code = error instanceof ApiError ? error.code : typeof error === "string" ? error : "";
    if (code === "PAYLOAD_TOO_LARGE") return t("PAYLOAD_TOO_LARGE", { max: formatBytes(maxUploadBytes, locale) });
    const known = KNOWN.find((candidate) => candidate === code);
    return known ? t(known) : t("unexpected");
  };
}
