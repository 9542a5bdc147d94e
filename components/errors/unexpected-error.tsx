"use client";
/**
 * What `error.tsx` boundaries show: a plain explanation, "try again" (Next.js's retry re-fetches
 * and re-renders the segment) and the error's digest as a reference IT can find in the server
 * logs. Never the error's message: from the server it is generic anyway, and a client-side one
 * could hold data from the page.
 */
import { primaryActionClass, secondaryActionClass, StatusPage } from "@/components/errors/status-page";
import { useBoundaryMessages } from "@/components/i18n/boundary-messages";
import { WarningIcon } from "@/components/shell/warning-icon";

export function UnexpectedError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useBoundaryMessages();
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <div className="px-3 py-10">
      <StatusPage
        icon={<WarningIcon />}
        title={t.title}
        actions={
          <>
            <button type="button" onClick={retry} className={primaryActionClass}>
              {t.retry}
            </button>
            {/* A full load: after an error, client-side state is not to be trusted. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" className={secondaryActionClass}>
              {t.backToHome}
            </a>
          </>
        }
      >
        <p>{t.body}</p>
        {digest ? (
          <p className="text-sm text-fg-muted">
            {t.referenceLabel} <span className="font-mono">{digest}</span>
          </p>
        ) : null}
      </StatusPage>
    </div>
  );
}
