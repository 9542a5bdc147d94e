"use client";
/** Turns a failed call into a message for the person, from the error's code (never its text). */
import { useTranslations } from "use-intl";
import { ApiError } from "@/components/documents/api/fetch-json";

export function useErrorMessage(): (error: unknown) => string {
  const t = useTranslations("documents.errors");
  return (error) => {
    if (error instanceof ApiError) {
      if (error.status === 404) return t("notFound");
      if (error.status === 403) return t("forbidden");
      if (error.status === 413) return t("tooLarge");
      if (error.status === 415) return t("unsupported");
      if (error.status === 400) return error.message;
    }
    return t("generic");
  };
}
