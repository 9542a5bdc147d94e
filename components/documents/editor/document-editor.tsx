"use client";
/**
 * The document editor page's client side: opens the collaboration connection (components/
 * documents/collab/, WebSocket or HTTP fallback), then a tiptap editor bound to the shared Yjs
 * content with everyone's carets, the toolbar and slash commands, presence, word count, the
 * connection state, comments (a second Yjs document) and version history.
 *
 * What a person may do follows their role: readers read, commenters comment, editors and owners
 * edit. The server enforces the same (it refuses a reader's or commenter's content updates); the
 * interface only avoids offering what would be refused.
 *
 * `embedding` (components/embed/): the same editor inside a vendor's iframe, authenticated by the
 * embed session instead of a portal session — no link back to the portal, no export menu, version
 * panel or image upload (their routes need a portal session), tokens from the embed session's
 * route, and the tiptap editor handed to the embedding (insert text, change events).
 */
import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import type { JSONContent } from "@tiptap/core";
import { useTranslations } from "use-intl";
import {
  openCollabConnection,
  type CollabConnection,
  type CollabState,
} from "@/components/documents/collab/open-collab-connection";
import { CONTENT_FIELD } from "@/components/documents/collab/collab-protocol";
import { documentExtensions } from "@/components/documents/editor/document-extensions";
import { EditorToolbar } from "@/components/documents/editor/editor-toolbar";
import { SlashCommands, type SlashMenuState } from "@/components/documents/editor/slash-commands";
import { SlashMenu } from "@/components/documents/editor/slash-menu";
import { ConnectionIndicator, indicatorState } from "@/components/documents/editor/connection-indicator";
import { PresenceList, type Participant } from "@/components/documents/editor/presence-list";
import { userColour } from "@/components/documents/editor/user-colour";
import { CommentHighlights, CommentHighlightSource } from "@/components/documents/editor/comments/comment-highlights";
import { readThreads, threadsMap, type CommentThread } from "@/components/documents/editor/comments/comments-model";
import { CommentsPanel, type PendingComment } from "@/components/documents/editor/comments/comments-panel";
import { toRelative } from "@/components/documents/editor/comments/comment-anchors";
import { VersionsPanel } from "@/components/documents/editor/versions/versions-panel";
import { VersionPreview } from "@/components/documents/editor/versions/version-preview";
import { uploadDocumentImage } from "@/components/documents/editor/upload-image";
import { useErrorMessage } from "@/components/documents/shared/use-error-message";
import { ExportDocumentMenu } from "@/components/documents/convert/export-document-menu";
import type { DocumentRole } from "@/components/documents/api/types";

const RANK: Record<DocumentRole, number> = { reader: 0, commenter: 1, editor: 2, owner: 3 };

export interface DocumentEditorEmbedding {
  /** The collaboration token route of the embed session. */
  tokenPath: string;
  /** Shown when someone picks "image" (uploads need a portal session). */
  imagesUnavailable: string;
  /** Receives the editor once it exists (the embedding inserts text and listens to changes). */
  onEditor: (editor: Editor, connection: CollabConnection) => void;
}

export interface DocumentEditorProps {
  documentId: string;
  title: string;
  role: DocumentRole;
  user: { id: string; displayName: string };
  embedding?: DocumentEditorEmbedding;
}

export function DocumentEditor(props: DocumentEditorProps) {
  const t = useTranslations("documents.editor");
  const [connection, setConnection] = useState<CollabConnection | null>(null);
  const tokenPath = props.embedding?.tokenPath;
  useEffect(() => {
    // ?transport=http forces the HTTP fallback (support and tests); anything else starts on WebSocket.
    const forced = new URLSearchParams(window.location.search).get("transport") === "http";
    const opened = openCollabConnection({
      documentId: props.documentId,
      ...(forced ? { transport: "http" as const, forceTransport: true } : {}),
      ...(tokenPath ? { tokenPath } : {}),
    });
    // The connection is the external system this effect opens (it needs `window`) and closes.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- storing the handle the effect created
    setConnection(opened);
    return () => opened.destroy();
  }, [props.documentId, tokenPath]);
  if (!connection) return <p className="text-fg-muted">{t("loading")}</p>;
  return <ConnectedEditor {...props} connection={connection} />;
}

function ConnectedEditor({
  documentId,
  title,
  role,
  user,
  embedding,
  connection,
}: DocumentEditorProps & { connection: CollabConnection }) {
  const t = useTranslations("documents");
  const errorMessage = useErrorMessage();
  const [state, setState] = useState<CollabState>(() => connection.getState());
  const [everSynced, setEverSynced] = useState(false);
  const [threads, setThreads] = useState<CommentThread[]>([]);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingComment | null>(null);
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [slashMenu, setSlashMenu] = useState<SlashMenuState | null>(null);
  const [panel, setPanel] = useState<"comments" | "versions">("comments");
  const [preview, setPreview] = useState<{ label: string; content: JSONContent } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [highlights] = useState(() => new CommentHighlightSource());
  const fileInputId = useId();

  const colour = useMemo(() => userColour(user.id), [user.id]);
  const canCommentByRole = RANK[role] >= RANK.commenter;
  const serverReadOnly = state.synced && state.readOnly;
  const canEdit = RANK[role] >= RANK.editor && !serverReadOnly && state.error === null;
  const canComment = canCommentByRole && state.error === null;

  useEffect(() => {
    return connection.subscribe((next) => {
      setState(next);
      if (next.synced) setEverSynced(true);
    });
  }, [connection]);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: false,
      extensions: [
        ...documentExtensions({ collaborative: true, placeholder: t("editor.placeholder") }),
        Collaboration.configure({ document: connection.content.document, field: CONTENT_FIELD }),
        CollaborationCaret.configure({
          provider: connection.content.provider,
          user: { name: user.displayName, color: colour, id: user.id },
        }),
        CommentHighlights.configure({
          getThreads: highlights.getThreads,
          getActiveThreadId: highlights.getActiveThreadId,
        }),
        SlashCommands.configure({
          label: (id) => t(`editor.slash.${id}`),
          onImage: embedding
            ? () => setMessage(embedding.imagesUnavailable)
            : () => document.getElementById(fileInputId)?.click(),
          onChange: setSlashMenu,
        }),
      ],
      editorProps: {
        attributes: {
          class: "document-content min-h-[50vh] px-4 py-3 outline-none",
          "aria-label": title,
          "aria-multiline": "true",
          role: "textbox",
        },
      },
    },
    [connection],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit);
  }, [editor, canEdit]);

  const onEditor = embedding?.onEditor;
  useEffect(() => {
    if (editor && onEditor) onEditor(editor, connection);
  }, [editor, connection, onEditor]);

  // Comments: re-read on every change of the comments document and redraw the highlights.
  useEffect(() => {
    const doc = connection.comments.document;
    const map = threadsMap(doc);
    const refresh = () => {
      const next = readThreads(doc);
      highlights.update(next);
      setThreads(next);
      if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta("commentsChanged", true));
    };
    refresh();
    map.observeDeep(refresh);
    return () => map.unobserveDeep(refresh);
  }, [connection, editor, highlights]);

  useEffect(() => {
    highlights.activate(activeThreadId);
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta("commentsChanged", true));
  }, [activeThreadId, editor, highlights]);

  // Presence: everyone whose awareness state carries a user (CollaborationCaret sets it).
  useEffect(() => {
    const awareness = connection.content.provider.awareness;
    if (!awareness) return;
    const refresh = () => {
      const people: Participant[] = [];
      awareness.getStates().forEach((value, clientId) => {
        const person = (value as { user?: { name?: unknown; color?: unknown } }).user;
        if (typeof person?.name !== "string") return;
        people.push({
          clientId,
          name: person.name.slice(0, 80),
          color: typeof person.color === "string" && /^#[0-9a-f]{6}$/i.test(person.color) ? person.color : "#475569",
          self: clientId === awareness.clientID,
        });
      });
      people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
      setParticipants(people);
    };
    refresh();
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
  }, [connection]);

  function startComment() {
    if (!editor) return;
    let { from, to } = editor.state.selection;
    if (from === to) {
      // A read-only view may not move ProseMirror's selection: read the browser's.
      const selection = window.getSelection();
      if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
        const range = selection.getRangeAt(0);
        try {
          from = editor.view.posAtDOM(range.startContainer, range.startOffset);
          to = editor.view.posAtDOM(range.endContainer, range.endOffset);
        } catch {
          // Selection outside the document.
        }
      }
    }
    if (from === to) {
      setPanel("comments");
      setMessage(t("comments.selectText"));
      return;
    }
    const start = toRelative(editor.state, Math.min(from, to));
    const end = toRelative(editor.state, Math.max(from, to));
    if (!start || !end) return;
    setPending({
      from: start,
      to: end,
      quote: editor.state.doc.textBetween(Math.min(from, to), Math.max(from, to), " ").slice(0, 500),
    });
    setPanel("comments");
  }

  async function insertImage(file: File) {
    if (!editor) return;
    setMessage(t("editor.toolbar.imageUploading"));
    try {
      const src = await uploadDocumentImage(documentId, file);
      editor
        .chain()
        .focus()
        .setImage({ src, alt: file.name.slice(0, 200) })
        .run();
      setMessage(null);
    } catch (error) {
      setMessage(t("editor.toolbar.imageError", { reason: errorMessage(error) }));
    }
  }

  const indicator = indicatorState(state, everSynced);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          {embedding ? null : (
            <Link href="/documents" className="text-sm text-primary underline-offset-2 hover:underline">
              ← {t("editor.back")}
            </Link>
          )}
          <h1 className="truncate text-xl font-semibold text-fg">{title}</h1>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <PresenceList participants={participants} />
          <ConnectionIndicator state={indicator} />
          {embedding ? null : <ExportDocumentMenu documentId={documentId} />}
        </div>
      </div>
      {indicator === "refused" && state.error ? (
        <p
          role="alert"
          data-testid="connection-refusal"
          data-reason={state.error}
          className="rounded border border-red-700 px-3 py-2 text-sm text-fg"
        >
          {t(`editor.connection.reasons.${state.error}`)}
        </p>
      ) : null}
      {role === "reader" ? (
        <p className="rounded bg-surface-muted px-3 py-2 text-sm text-fg-muted">{t("editor.readOnly")}</p>
      ) : null}
      {role === "commenter" ? (
        <p className="rounded bg-surface-muted px-3 py-2 text-sm text-fg-muted">{t("editor.commentOnly")}</p>
      ) : null}
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-fg-muted">
        {message}
      </p>

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-3">
          {preview ? (
            <VersionPreview label={preview.label} content={preview.content} onClose={() => setPreview(null)} />
          ) : null}
          <div className="rounded border border-border bg-surface">
            {editor ? (
              <EditorToolbar
                editor={editor}
                canEdit={canEdit}
                canComment={canComment}
                onImage={embedding ? () => setMessage(embedding.imagesUnavailable) : () => fileInput.current?.click()}
                onComment={startComment}
                onMessage={setMessage}
              />
            ) : null}
            <EditorContent editor={editor} data-testid="document-editor" data-editable={canEdit ? "true" : "false"} />
            {editor ? <WordCount editor={editor} /> : null}
          </div>
          <input
            ref={fileInput}
            id={fileInputId}
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void insertImage(file);
            }}
          />
        </div>
        <aside className="space-y-3">
          <div role="tablist" aria-label={t("editor.panels.comments")} className="flex gap-1 border-b border-border">
            {(embedding ? (["comments"] as const) : (["comments", "versions"] as const)).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={panel === name}
                aria-controls={panel === name ? `panel-${name}` : undefined}
                id={`tab-${name}`}
                onClick={() => setPanel(name)}
                className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-fg-muted aria-selected:border-primary aria-selected:font-semibold aria-selected:text-fg focus-visible:outline-2 focus-visible:outline-primary"
              >
                {t(`editor.panels.${name}`)}
              </button>
            ))}
          </div>
          <div id={`panel-${panel}`} role="tabpanel" aria-labelledby={`tab-${panel}`}>
            {panel === "comments" ? (
              <CommentsPanel
                doc={connection.comments.document}
                threads={threads}
                author={{ id: user.id, name: user.displayName }}
                canComment={canComment}
                pending={pending}
                onPendingDone={() => setPending(null)}
                activeThreadId={activeThreadId}
                onActivate={setActiveThreadId}
              />
            ) : (
              <VersionsPanel documentId={documentId} canRestore={RANK[role] >= RANK.editor} onView={setPreview} />
            )}
          </div>
        </aside>
      </div>
      <SlashMenu menu={slashMenu} />
    </div>
  );
}

/** Words and characters, updated as the document changes (anyone's edits). */
function WordCount({ editor }: { editor: Editor }) {
  const t = useTranslations("documents.editor");
  const counts = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      words: current.storage.characterCount.words(),
      characters: current.storage.characterCount.characters(),
    }),
  });
  return (
    <p className="border-t border-border px-3 py-1 text-xs text-fg-muted" data-testid="word-count">
      {t("words", { count: counts.words })} · {t("characters", { count: counts.characters })}
    </p>
  );
}
