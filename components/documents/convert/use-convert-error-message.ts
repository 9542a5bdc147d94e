"use client";
/** A refused import or export, said to the person from the status and code (never raw internals). */
import { useTranslations } from "use-intl";
import { ApiError } from "@/components/documents/api/fetch-json";

export function useConvertErrorMessage(): (error: unknown) => string {
  const t = useTranslations("documentsConvert.errors");
  return (error) => {
    if (!(error instanceof ApiError)) return t("generic");
    switch (error.status) {
      case 400:
        return t("unreadable", { message: error.message });
      case 401:
        return t("signIn");
      case 403:
      case 404:
        return t("notFound");
      case 413:
        return t("tooLarge");
      case 429:
        return t("busy");
      case 503:
        return t("unavailable");
      case 504:
        return t("timeout");
      default:
        return t("generic");
    }
  };
}
