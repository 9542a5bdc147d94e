"use client";
/**
 * What someone holding a share link sees at /s/{token}, without an account: a password form when
 * the link has one, then the shared file (preview and download), the shared folder's listing
 * (download, subfolders), or for an upload-only link a drop zone that sends files in without
 * showing the folder's content.
 *
 * It talks only to the public share API (/api/public/shares/{token}/…): the unlock answer sets an
 * HttpOnly cookie bound to this token, so the password is sent once and never kept in the page.
 * Nothing of the owner's workspace (name, other files, the portal's navigation) is shown.
 */
import { useCallback, useEffect, useId, useState, type DragEvent, type FormEvent } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { ApiError, fetchJson } from "../api/fetch-json";
import type { FileEntry, PublicShareListing } from "../api/types";
import { buttonClass } from "../dialogs/modal-dialog";
import { PreviewDialog } from "../dialogs/preview-dialog";
import { FileIcon } from "../file-icons";
import { iconFamily, previewKind } from "../file-kind";
import { joinPath, parentOf, pathSegments } from "../file-paths";
import { formatBytes } from "../format-bytes";
import { sendWithProgress } from "../upload/upload-request";

type State =
  | { kind: "loading" }
  | { kind: "notFound" }
  | { kind: "password"; wrong: boolean }
  | { kind: "error"; error: unknown }
  | { kind: "ready"; share: PublicShareListing };

export function PublicShareView({ token, locale }: { token: string; locale: string }) {
  const t = useTranslations("files");
  const [path, setPath] = useState("/");
  const [state, setState] = useState<State>({ kind: "loading" });
  const [preview, setPreview] = useState<FileEntry | null>(null);
  const base = `/api/public/shares/${encodeURIComponent(token)}`;
  const contentUrl = (filePath: string) => `${base}/content?${new URLSearchParams({ path: filePath }).toString()}`;

  const load = useCallback((folder: string, signal?: AbortSignal) => fetchShareState(base, folder, signal), [base]);

  useEffect(() => {
    const controller = new AbortController();
    load(path, controller.signal)
      .then((next) => {
        if (!controller.signal.aborted) setState(next);
      })
      .catch(() => {});
    return () => controller.abort();
  }, [load, path]);

  async function unlock(password: string): Promise<void> {
    try {
      await fetchJson<void>(`${base}/unlock`, { method: "POST", body: { password } });
      setState({ kind: "loading" });
      setState(await load(path));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setState({ kind: "notFound" });
      else if (error instanceof ApiError && (error.status === 401 || error.status === 403))
        setState({ kind: "password", wrong: true });
      else setState({ kind: "error", error });
    }
  }

  if (state.kind === "loading") return <p role="status">{t("list.loading")}</p>;
  if (state.kind === "notFound")
    return (
      <p role="alert" className="text-danger">
        {t("public.notFound")}
      </p>
    );
  if (state.kind === "password") return <PasswordForm wrong={state.wrong} onSubmit={unlock} />;
  if (state.kind === "error")
    return (
      <div role="alert" className="text-danger">
        {state.error instanceof ApiError && state.error.code === "TOO_MANY_REQUESTS"
          ? t("errors.TOO_MANY_REQUESTS")
          : t("errors.unexpected")}{" "}
        <button type="button" className={buttonClass.quiet} onClick={() => void load(path).then(setState)}>
          {t("errors.retry")}
        </button>
      </div>
    );

  const { share } = state;
  if (share.access === "upload")
    return <PublicUploadZone putUrl={(name) => contentUrl(joinPath("/", name))} locale={locale} />;

  if (share.root.kind === "file") {
    const kind = previewKind(share.root);
    const url = contentUrl("/");
    return (
      <div className="space-y-4">
        <h2 className="break-words text-xl font-semibold">{share.root.name}</h2>
        <p className="text-sm text-fg-muted">
          {formatBytes(share.root.size, locale)}
          {share.root.contentType ? ` · ${share.root.contentType}` : ""}
        </p>
        {kind === "image" ? (
          // eslint-disable-next-line @next/next/no-img-element -- the shared file itself, same origin
          <img src={url} alt={share.root.name} className="max-h-[60dvh] max-w-full rounded border border-border" />
        ) : kind === "pdf" ? (
          <iframe src={url} title={share.root.name} className="h-[60dvh] w-full rounded border border-border" />
        ) : null}
        <a href={url} download={share.root.name} className={buttonClass.primary}>
          <FileIcon name="download" className="size-4" />
          {t("public.download")}
        </a>
      </div>
    );
  }

  const entries = share.entries ?? [];
  return (
    <div className="space-y-3">
      <h2 className="break-words text-xl font-semibold">{share.root.name}</h2>
      {path !== "/" ? (
        <nav aria-label={t("breadcrumb.label")} className="flex flex-wrap items-center gap-2 text-sm">
          <button type="button" className={buttonClass.secondary} onClick={() => setPath(parentOf(path))}>
            <span aria-hidden="true">↑</span> {t("public.back")}
          </button>
          <span>
            {pathSegments(path)
              .map((segment) => segment.name)
              .join(" / ")}
          </span>
        </nav>
      ) : null}
      {entries.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("list.emptyView")}</p>
      ) : (
        <ul aria-label={t("public.folderLabel")} className="divide-y divide-border rounded border border-border">
          {entries.map((entry) => (
            <li key={entry.path} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
              <span className="text-fg-muted">
                <FileIcon name={iconFamily(entry)} />
              </span>
              {entry.kind === "folder" ? (
                <button
                  type="button"
                  className="min-w-0 flex-1 truncate text-left font-medium text-primary-ink underline"
                  onClick={() => setPath(joinPath(path, entry.name))}
                >
                  {entry.name}
                </button>
              ) : previewKind(entry) ? (
                <button
                  type="button"
                  className="min-w-0 flex-1 truncate text-left font-medium text-primary-ink underline"
                  onClick={() => setPreview({ ...entry, path: joinPath(path, entry.name) })}
                >
                  {entry.name}
                </button>
              ) : (
                <span className="min-w-0 flex-1 truncate font-medium">{entry.name}</span>
              )}
              {entry.kind === "file" ? (
                <>
                  <span className="tabular-nums text-fg-muted">{formatBytes(entry.size, locale)}</span>
                  <a
                    href={contentUrl(joinPath(path, entry.name))}
                    download={entry.name}
                    aria-label={t("public.downloadNamed", { name: entry.name })}
                    className={buttonClass.secondary}
                  >
                    <FileIcon name="download" className="size-4" />
                    <span className="hidden sm:inline">{t("public.download")}</span>
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {preview ? (
        <PreviewDialog
          entry={preview}
          contentUrl={contentUrl(preview.path)}
          downloadUrl={contentUrl(preview.path)}
          onClose={() => setPreview(null)}
        />
      ) : null}
    </div>
  );
}

function PasswordForm({ wrong, onSubmit }: { wrong: boolean; onSubmit: (password: string) => Promise<void> }) {
  const t = useTranslations("files.public");
  const inputId = useId();
  const errorId = useId();
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    void onSubmit(password).finally(() => setPending(false));
  }
  return (
    <form onSubmit={submit} className="space-y-3">
      <h2 className="text-lg font-semibold">{t("passwordTitle")}</h2>
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          required
          autoFocus
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={wrong ? true : undefined}
          aria-describedby={wrong ? errorId : undefined}
          className="mt-1 w-full rounded border border-border-strong px-2 py-1.5"
        />
        {wrong ? (
          <p id={errorId} role="alert" className="mt-1 text-sm text-danger">
            {t("wrongPassword")}
          </p>
        ) : null}
      </div>
      <button type="submit" className={buttonClass.primary} disabled={pending || password.length === 0}>
        {t("unlock")}
      </button>
    </form>
  );
}

interface DroppedUpload {
  id: number;
  name: string;
  size: number;
  sent: number;
  status: "uploading" | "done" | "error";
}

let uploadCounter = 0;

/** One read of the share (a folder of it): the page's next state, whatever the answer. */
async function fetchShareState(base: string, folder: string, signal?: AbortSignal): Promise<State> {
  try {
    const query = folder === "/" ? "" : `?${new URLSearchParams({ path: folder }).toString()}`;
    return { kind: "ready", share: await fetchJson<PublicShareListing>(`${base}${query}`, { signal }) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { kind: "notFound" };
    if (error instanceof ApiError && error.status === 401) return { kind: "password", wrong: false };
    return { kind: "error", error };
  }
}

function PublicUploadZone({ putUrl, locale }: { putUrl: (name: string) => string; locale: string }) {
  const t = useTranslations("files");
  const format = useFormatter();
  const inputId = useId();
  const [uploads, setUploads] = useState<DroppedUpload[]>([]);
  const [over, setOver] = useState(false);

  function send(files: File[]) {
    for (const file of files) {
      const id = ++uploadCounter;
      const update = (change: Partial<DroppedUpload>) =>
        setUploads((list) => list.map((item) => (item.id === id ? { ...item, ...change } : item)));
      setUploads((list) => [...list, { id, name: file.name, size: file.size, sent: 0, status: "uploading" }]);
      // Upload links never overwrite: a taken name is refused, and shown as a failure.
      const request = sendWithProgress<FileEntry>("PUT", putUrl(file.name), file, (loaded) => update({ sent: loaded }));
      request.done.then(
        () => update({ status: "done", sent: file.size }),
        () => update({ status: "error" }),
      );
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    send(Array.from(event.dataTransfer.files));
  }

  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">{t("public.uploadTitle")}</h2>
      <p className="text-sm">{t("public.uploadIntro")}</p>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="public-drop-zone"
        className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-8 text-center ${over ? "border-primary bg-sky-50" : "border-border-strong"}`}
      >
        <FileIcon name="upload" className="size-8 text-primary-ink" />
        <label htmlFor={inputId} className={`${buttonClass.primary} cursor-pointer`}>
          {t("public.choose")}
        </label>
        <input
          id={inputId}
          type="file"
          multiple
          className="sr-only"
          onChange={(event) => {
            if (event.target.files) send(Array.from(event.target.files));
            event.target.value = "";
          }}
        />
        <p className="text-sm text-fg-muted">{t("public.dropHint")}</p>
      </div>
      {uploads.length > 0 ? (
        <ul aria-label={t("uploads.label")} className="divide-y divide-border">
          {uploads.map((item) => (
            <li key={item.id} className="py-2 text-sm" data-upload-status={item.status}>
              <div className="flex justify-between gap-2">
                <span className="truncate font-medium">{item.name}</span>
                <span className="text-fg-muted">
                  {item.status === "done"
                    ? t("public.uploaded")
                    : item.status === "error"
                      ? t("public.uploadFailed")
                      : `${format.number(item.size ? item.sent / item.size : 0, { style: "percent" })} · ${formatBytes(item.size, locale)}`}
                </span>
              </div>
              <progress
                max={Math.max(1, item.size)}
                value={item.status === "done" ? Math.max(1, item.size) : item.sent}
                aria-label={t("uploads.progress", { name: item.name })}
                className="mt-1 h-2 w-full"
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
