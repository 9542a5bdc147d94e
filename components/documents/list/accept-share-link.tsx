"use client";
/** Reads the share-link token from the fragment, accepts it, and opens the document (replacing the history entry that held the token). */
import Link from "next/link";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { documentsApi } from "@/components/documents/api/documents-api";

export function AcceptShareLink() {
  const t = useTranslations("documents.link");
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const token = window.location.hash.slice(1);
    const accepted = token.length < 16 ? Promise.reject(new Error("no token")) : documentsApi.acceptLink(token);
    accepted.then(
      ({ documentId }) => window.location.replace(`/documents/${documentId}`),
      () => setFailed(true),
    );
  }, []);
  return failed ? (
    <div className="space-y-3">
      <p role="alert" className="text-danger">
        {t("invalid")}
      </p>
      <Link href="/documents" className="text-primary underline">
        {t("back")}
      </Link>
    </div>
  ) : (
    <p role="status" className="text-fg-muted">
      {t("opening")}
    </p>
  );
}
