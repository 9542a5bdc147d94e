"use client";
/**
 * The OnlyOffice editor for one file, self-contained: it fetches the signed editor config from
 * `configEndpoint` (default: the portal's /api/office/onlyoffice/config/{fileId}), loads the
 * Document Server's api.js with the page's CSP nonce and starts `DocsAPI.DocEditor` in a box that
 * fills its parent. The editor page uses it; an embedding page may too (give it the office
 * messages namespace).
 *
 * The Document Server's iframe replaces a placeholder the component creates itself inside its
 * container, so React never owns a node the editor removes. A server that is down (api.js does not
 * load, the config route answers 5xx) shows a visible error with "try again".
 */
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { loadDocsApi, type DocEditorInstance } from "./load-docs-api";

export interface OnlyOfficeEditorProps {
  fileId: string;
  mode?: "edit" | "view";
  /** Where the signed config comes from; answers `{ documentServerUrl, config }`. */
  configEndpoint?: string;
  /** The page's CSP nonce (from the `x-nonce` request header). */
  nonce?: string;
  /** Shown with the error, to fetch the file instead. */
  downloadUrl?: string;
}

type EditorState = { kind: "loading" } | { kind: "ready" } | { kind: "error"; reason: "unavailable" | "cannotOpen" };

interface EditorStart {
  documentServerUrl: string;
  config: Record<string, unknown>;
}

export function OnlyOfficeEditor({ fileId, mode = "edit", configEndpoint, nonce, downloadUrl }: OnlyOfficeEditorProps) {
  const t = useTranslations("office");
  const container = useRef<HTMLDivElement>(null);
  const placeholderId = `onlyoffice-${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  const [state, setState] = useState<EditorState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const endpoint = configEndpoint ?? `/api/office/onlyoffice/config/${encodeURIComponent(fileId)}`;

  useEffect(() => {
    const box = container.current;
    if (!box) return;
    const controller = new AbortController();
    let editor: DocEditorInstance | undefined;
    let cancelled = false;
    const fail = (reason: "unavailable" | "cannotOpen") => {
      if (!cancelled) setState({ kind: "error", reason });
    };
    const start = async () => {
      const separator = endpoint.includes("?") ? "&" : "?";
      const response = await fetch(`${endpoint}${separator}mode=${mode}`, {
        headers: { accept: "application/json" },
        signal: controller.signal,
      });
      if (!response.ok) return fail(response.status >= 500 ? "unavailable" : "cannotOpen");
      const { documentServerUrl, config } = (await response.json()) as EditorStart;
      const docsApi = await loadDocsApi(documentServerUrl, nonce);
      if (cancelled) return;
      const placeholder = document.createElement("div");
      placeholder.id = placeholderId;
      box.replaceChildren(placeholder);
      editor = new docsApi.DocEditor(placeholderId, {
        ...config,
        events: {
          onDocumentReady: () => !cancelled && setState({ kind: "ready" }),
          onError: () => fail("unavailable"),
        },
      });
    };
    start().catch(() => fail("unavailable"));
    return () => {
      cancelled = true;
      controller.abort();
      editor?.destroyEditor();
      box.replaceChildren();
    };
  }, [endpoint, mode, nonce, placeholderId, attempt]);

  return (
    <div className="relative flex h-full min-h-[60vh] flex-col">
      {state.kind === "loading" ? (
        <p role="status" className="absolute inset-x-0 top-4 text-center text-sm text-fg-muted">
          {t("loading")}
        </p>
      ) : null}
      {state.kind === "error" ? (
        <div role="alert" className="m-4 space-y-3 rounded-md border border-danger/40 bg-danger-surface p-4 text-sm">
          <p>{state.reason === "unavailable" ? t("errors.unavailable") : t("errors.cannotOpen")}</p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="rounded border border-border-strong px-3 py-1.5"
              onClick={() => {
                setState({ kind: "loading" });
                setAttempt((value) => value + 1);
              }}
            >
              {t("errors.retry")}
            </button>
            {downloadUrl ? (
              <a className="rounded border border-border-strong px-3 py-1.5 underline" href={downloadUrl}>
                {t("errors.download")}
              </a>
            ) : null}
          </div>
        </div>
      ) : null}
      <div
        ref={container}
        data-testid="onlyoffice-editor"
        className={state.kind === "error" ? "hidden" : "min-h-0 flex-1"}
      />
    </div>
  );
}
