"use client";
/**
 * The list of uploads: one row per file with its progress bar (a native <progress>, named after the
 * file), what is sent out of the total, and its controls — pause/resume while it runs, retry and
 * "replace" after a failure, cancel, and remove once done. Failures stay listed with their reason
 * until the person deals with them: no upload disappears silently.
 */
import { useTranslations } from "use-intl";
import { buttonClass } from "../dialogs/modal-dialog";
import { FileIcon } from "../file-icons";
import { formatBytes } from "../format-bytes";
import type { UploadEngine, UploadItem } from "./upload-engine";

export function UploadPanel({
  engine,
  items,
  locale,
  describeError,
}: {
  engine: UploadEngine;
  items: readonly UploadItem[];
  locale: string;
  describeError: (code: string) => string;
}) {
  const t = useTranslations("files.uploads");
  if (items.length === 0) return null;
  const done = items.filter((item) => item.status === "done").length;
  return (
    <section
      aria-labelledby="uploads-title"
      className="rounded-lg border border-border bg-surface p-3 shadow-sm"
      data-testid="upload-panel"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="uploads-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-fg-muted" aria-live="polite">
          {t("summary", { done, total: items.length })}
        </p>
        {done > 0 ? (
          <button type="button" className={buttonClass.quiet} onClick={() => engine.clearFinished()}>
            {t("clearFinished")}
          </button>
        ) : null}
      </div>
      <ul className="mt-2 max-h-72 divide-y divide-border overflow-y-auto" aria-label={t("label")}>
        {items.map((item) => {
          const percent =
            item.size === 0 ? (item.status === "done" ? 100 : 0) : Math.floor((item.sent / item.size) * 100);
          const state = item.status === "uploading" ? t("uploading", { percent }) : t(item.status);
          const iconButton = (icon: string, label: string, short: string, onClick: () => void) => (
            <button type="button" aria-label={label} title={short} onClick={onClick} className={buttonClass.secondary}>
              <FileIcon name={icon} className="size-4" />
              <span className="hidden sm:inline">{short}</span>
            </button>
          );
          return (
            <li key={item.id} className="py-2" data-upload-status={item.status}>
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span className="min-w-0 flex-1 truncate font-medium" title={item.targetPath}>
                  {item.name}
                </span>
                <span className="tabular-nums text-fg-muted">
                  {t("amount", { sent: formatBytes(item.sent, locale), total: formatBytes(item.size, locale) })} ·{" "}
                  <span data-testid="upload-state">{state}</span>
                </span>
                <span className="flex gap-1">
                  {item.status === "uploading" || item.status === "queued"
                    ? iconButton("pause", t("pause", { name: item.name }), t("pauseShort"), () => engine.pause(item.id))
                    : null}
                  {item.status === "paused"
                    ? iconButton("play", t("resume", { name: item.name }), t("resumeShort"), () =>
                        engine.resume(item.id),
                      )
                    : null}
                  {item.status === "error" && item.errorCode !== "PAYLOAD_TOO_LARGE" && item.errorCode !== "CONFLICT"
                    ? iconButton("retry", t("retry", { name: item.name }), t("retryShort"), () =>
                        engine.resume(item.id),
                      )
                    : null}
                  {item.status === "error" && item.errorCode === "CONFLICT"
                    ? iconButton("upload", t("replace", { name: item.name }), t("replaceShort"), () =>
                        engine.replace(item.id),
                      )
                    : null}
                  {item.status === "done" || item.status === "error"
                    ? iconButton("close", t("dismiss", { name: item.name }), t("dismissShort"), () =>
                        engine.dismiss(item.id),
                      )
                    : iconButton("close", t("cancel", { name: item.name }), t("cancelShort"), () =>
                        engine.cancel(item.id),
                      )}
                </span>
              </div>
              <progress
                max={Math.max(1, item.size)}
                value={item.size === 0 && item.status === "done" ? 1 : item.sent}
                aria-label={t("progress", { name: item.name })}
                aria-valuetext={state}
                className="mt-1 h-2 w-full accent-[var(--color-primary)]"
              />
              {item.status === "error" ? (
                <p role="alert" className="mt-1 text-sm text-danger">
                  {describeError(item.errorCode ?? "")}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
