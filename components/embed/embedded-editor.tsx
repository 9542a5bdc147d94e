"use client";
/**
 * The chrome-less editor inside a vendor's iframe: the portal's native document editor
 * (collaboration, presence, comments, the connection state) driven through the postMessage API
 * (embed-protocol.ts, post-message-bridge.ts), with the same save and close as buttons for the
 * person typing.
 *
 * Order matters for save and close: wait until every local change has reached the collaboration
 * server (wait-for-server.ts), then ask the portal to snapshot the live document — so the version
 * and the webhook the vendor receives hold what the person saw. Commands run one at a time.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Editor } from "@tiptap/react";
import { useFormatter, useTranslations } from "use-intl";
import { DocumentEditor } from "@/components/documents/editor/document-editor";
import type { CollabConnection } from "@/components/documents/collab/open-collab-connection";
import { primaryButton, secondaryButton } from "@/components/documents/shared/button-styles";
import { textToInlineContent, type EmbedCommand } from "@/components/embed/embed-protocol";
import { startPostMessageBridge, type PostMessageBridge } from "@/components/embed/post-message-bridge";
import { EMBED_COLLAB_TOKEN_PATH, closeEmbedSession, saveEmbedSession } from "@/components/embed/embed-session-api";
import { waitForServer } from "@/components/embed/wait-for-server";

export interface EmbeddedEditorProps {
  documentId: string;
  title: string;
  role: "editor" | "reader";
  user: { id: string; displayName: string };
  /** The vendor page's exact origin (checked by the server), or null: then nothing is posted. */
  parentOrigin: string | null;
}

const CHANGED_DEBOUNCE_MS = 500;
const SERVER_WAIT_MS = 10_000;

type Failure = "read_only" | "not_synced" | "session_ended" | "request_failed";

export function EmbeddedEditor({ documentId, title, role, user, parentOrigin }: EmbeddedEditorProps) {
  const t = useTranslations("embed");
  const format = useFormatter();
  const [closed, setClosed] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bridge = useRef<PostMessageBridge | null>(null);
  const editorRef = useRef<Editor | null>(null);
  const connectionRef = useRef<CollabConnection | null>(null);
  const detach = useRef<(() => void) | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const commandHandler = useRef<(command: EmbedCommand) => void>(() => undefined);

  const fail = useCallback(
    (failure: Failure, requestId?: string) => {
      setStatus(t("actions.failed", { reason: t(`failures.${failure}`) }));
      bridge.current?.send({ event: "error", code: failure, ...(requestId ? { requestId } : {}) });
    },
    [t],
  );

  // The editor and its connection, handed over by DocumentEditor: `ready` once synced, `changed` after.
  const onEditor = useCallback(
    (editor: Editor, connection: CollabConnection) => {
      detach.current?.();
      editorRef.current = editor;
      connectionRef.current = connection;
      let ready = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const announceReady = (): void => {
        if (ready || !connection.getState().synced) return;
        ready = true;
        bridge.current?.send({ event: "ready", documentId, mode: role === "editor" ? "edit" : "view" });
      };
      const unsubscribe = connection.subscribe(announceReady);
      announceReady();
      const onUpdate = (): void => {
        if (!ready) return;
        clearTimeout(timer);
        timer = setTimeout(() => bridge.current?.send({ event: "changed" }), CHANGED_DEBOUNCE_MS);
      };
      editor.on("update", onUpdate);
      detach.current = () => {
        unsubscribe();
        clearTimeout(timer);
        editor.off("update", onUpdate);
      };
    },
    [documentId, role],
  );

  const save = useCallback(
    async (requestId?: string, label?: string) => {
      const connection = connectionRef.current;
      if (role !== "editor") return fail("read_only", requestId);
      if (!connection || !(await waitForServer(connection, SERVER_WAIT_MS))) return fail("not_synced", requestId);
      setStatus(t("actions.saving"));
      const outcome = await saveEmbedSession(label);
      if (!outcome.ok) return fail(outcome.failure, requestId);
      setStatus(t("actions.saved", { time: format.dateTime(new Date(outcome.savedAt), { timeStyle: "short" }) }));
      bridge.current?.send({
        event: "saved",
        versionId: outcome.versionId,
        savedAt: outcome.savedAt,
        ...(requestId ? { requestId } : {}),
      });
    },
    [fail, format, role, t],
  );

  const close = useCallback(
    async (requestId?: string) => {
      const connection = connectionRef.current;
      if (role === "editor" && (!connection || !(await waitForServer(connection, SERVER_WAIT_MS))))
        return fail("not_synced", requestId);
      setStatus(t("actions.closing"));
      const outcome = await closeEmbedSession();
      if (!outcome.ok && outcome.failure !== "session_ended") return fail(outcome.failure, requestId);
      if (outcome.ok && outcome.saved) bridge.current?.send({ event: "saved", ...outcome.saved });
      detach.current?.();
      bridge.current?.send({ event: "closed", ...(requestId ? { requestId } : {}) });
      setClosed(true);
    },
    [fail, role, t],
  );

  const insertText = useCallback(
    (text: string, requestId?: string) => {
      const editor = editorRef.current;
      if (role !== "editor" || (editor && !editor.isEditable)) return fail("read_only", requestId);
      if (!editor || editor.isDestroyed) return fail("not_synced", requestId);
      editor.chain().insertContent(textToInlineContent(text)).scrollIntoView().run();
    },
    [fail, role],
  );

  useEffect(() => {
    commandHandler.current = (command) => {
      const run = async (): Promise<void> => {
        if (command.command === "insertText") insertText(command.text, command.requestId);
        else if (command.command === "save") await save(command.requestId, command.label);
        else await close(command.requestId);
      };
      // One command at a time, in the order received (an insert then a save saves the insert).
      queue.current = queue.current.then(async () => {
        setBusy(true);
        try {
          await run();
        } finally {
          setBusy(false);
        }
      });
    };
  }, [close, insertText, save]);

  useEffect(() => {
    const started = startPostMessageBridge({
      self: window,
      parentOrigin,
      onCommand: (command) => commandHandler.current(command),
    });
    bridge.current = started;
    return () => {
      started.stop();
      bridge.current = null;
    };
  }, [parentOrigin]);

  useEffect(() => () => detach.current?.(), []);

  if (closed) {
    return (
      <div
        role="status"
        className="m-6 max-w-xl rounded border border-border bg-surface p-4"
        data-testid="embed-closed"
      >
        <h1 className="text-lg font-semibold text-fg">{t("closed.title")}</h1>
        <p className="mt-2 text-fg">{t("closed.body")}</p>
      </div>
    );
  }
  return (
    <div className="space-y-2 p-3">
      <div role="toolbar" aria-label={t("actions.label")} className="flex flex-wrap items-center justify-end gap-2">
        <p
          role="status"
          aria-live="polite"
          className="mr-auto min-h-5 text-sm text-fg-muted"
          data-testid="embed-status"
        >
          {status}
        </p>
        {role === "editor" ? (
          <button
            type="button"
            className={primaryButton}
            disabled={busy}
            onClick={() => commandHandler.current({ command: "save" })}
          >
            {t("actions.save")}
          </button>
        ) : null}
        <button
          type="button"
          className={secondaryButton}
          disabled={busy}
          onClick={() => commandHandler.current({ command: "close" })}
        >
          {t("actions.close")}
        </button>
      </div>
      <DocumentEditor
        documentId={documentId}
        title={title}
        role={role}
        user={user}
        embedding={{ tokenPath: EMBED_COLLAB_TOKEN_PATH, imagesUnavailable: t("imagesUnavailable"), onEditor }}
      />
    </div>
  );
}
