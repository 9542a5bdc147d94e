"use client";
/**
 * Version history: automatic and named versions, newest first; name the current state; view a past
 * version read-only; restore it (editors). A restore is a new change on the server that everyone
 * connected receives through the collaboration session, so nothing here touches the editor.
 */
import { useCallback, useEffect, useState } from "react";
import type { JSONContent } from "@tiptap/core";
import { useFormatter, useTranslations } from "use-intl";
import { versionsApi, type VersionSummary } from "@/components/documents/editor/versions/versions-api";
import { useErrorMessage } from "@/components/documents/shared/use-error-message";
import { inputStyle, primaryButton, secondaryButton } from "@/components/documents/shared/button-styles";

export function VersionsPanel({
  documentId,
  canRestore,
  onView,
}: {
  documentId: string;
  canRestore: boolean;
  onView: (version: { label: string; content: JSONContent } | null) => void;
}) {
  const t = useTranslations("documents.versions");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    versionsApi.list(documentId).then(setVersions, (error: unknown) => {
      setVersions([]);
      setMessage(errorMessage(error));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- errorMessage is a fresh closure each render
  }, [documentId]);

  useEffect(load, [load]);

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  return (
    <section aria-labelledby="versions-title" className="space-y-3 text-sm" data-testid="versions-panel">
      <h2 id="versions-title" className="font-semibold text-fg">
        {t("title")}
      </h2>
      {canRestore ? (
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const name = String(new FormData(form).get("name") ?? "").trim();
            if (!name) return;
            versionsApi.create(documentId, name).then(
              () => {
                form.reset();
                load();
              },
              (error: unknown) => setMessage(errorMessage(error)),
            );
          }}
        >
          <label className="flex-1">
            <span className="sr-only">{t("name")}</span>
            <input name="name" required maxLength={200} placeholder={t("name")} className={inputStyle} />
          </label>
          <button type="submit" className={primaryButton}>
            {t("save")}
          </button>
        </form>
      ) : null}
      <p role="status" aria-live="polite" className="min-h-5 text-fg-muted">
        {message}
      </p>
      {versions !== null && versions.length === 0 ? <p className="text-fg-muted">{t("empty")}</p> : null}
      <ol className="space-y-2">
        {(versions ?? []).map((version) => (
          <li key={version.id} data-testid="version" className="rounded border border-border p-2">
            <p className="font-medium text-fg">{version.name ?? t(`kinds.${version.kind}`)}</p>
            <p className="text-xs text-fg-muted">
              <time dateTime={version.createdAt}>{when(version.createdAt)}</time>
              {version.createdByName ? ` · ${t("by", { name: version.createdByName })}` : ""}
            </p>
            <div className="mt-1 flex flex-wrap gap-2">
              <button
                type="button"
                className={secondaryButton}
                onClick={() =>
                  versionsApi.read(documentId, version.id).then(
                    (content) => onView({ label: t("viewing", { date: when(version.createdAt) }), content }),
                    (error: unknown) => setMessage(errorMessage(error)),
                  )
                }
              >
                {t("view")}
              </button>
              {canRestore ? (
                <button
                  type="button"
                  className={secondaryButton}
                  onClick={() =>
                    versionsApi.restore(documentId, version.id).then(
                      () => {
                        onView(null);
                        setMessage(t("restored"));
                        load();
                      },
                      (error: unknown) => setMessage(errorMessage(error)),
                    )
                  }
                >
                  {t("restore")}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
