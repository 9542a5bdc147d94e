"use client";
/**
 * Writing a message: recipients (À, Cc, Cci with completion), subject, rich text body (with its
 * text alternative), attachments from the computer or from Files. The draft is saved to the
 * mailbox's Drafts about two seconds after the person stops typing ("Brouillon enregistré à
 * 10:42"), so nothing is lost if the tab closes. Sending first saves the draft on the server; when
 * the mail server refuses, the window stays open with everything typed and says why, and the draft
 * stays in Drafts.
 *
 * Header injection cannot be typed: the subject is a single-line input (line breaks are dropped
 * from pasted text) and addresses are split on line breaks, an invalid one shown and refused
 * before sending; the server refuses CR/LF in any header anyway (400 naming the field).
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslations, useFormatter } from "use-intl";
import { ApiError } from "@/components/files/api/fetch-json";
import { buttonClass, DialogActions, ModalDialog } from "@/components/files/dialogs/modal-dialog";
import { formatBytes } from "@/components/files/format-bytes";
import type { FileEntry } from "@/components/files/api/types";
import { deleteDraft, saveDraft, sendMessage, uploadDraftAttachment } from "../api/mail-mutations";
import type { ComposeAttachment, ComposeRequest, DraftSaved } from "../api/types";
import { FilesBrowser } from "../files-browser";
import { useMailError } from "../use-mail-error";
import type { ComposeFile, ComposeStart } from "./compose-model";
import { looksLikeAddress, RecipientField, type Recipient } from "./recipient-field";
import { RichTextEditor, type EditorValue } from "./rich-text-editor";

const AUTOSAVE_DELAY_MS = 2000;

function toWire(recipients: readonly Recipient[]) {
  return recipients.map((recipient) => ({ name: recipient.name ?? "", address: recipient.address }));
}

function stripAttachment(file: ComposeFile): ComposeAttachment {
  return file.kind === "files"
    ? { kind: "files", path: file.path }
    : { kind: "message", folder: file.folder, uid: file.uid, part: file.part };
}

/** After a save, the draft's own parts are the truth; Files references not yet embedded are kept. */
function mergeSaved(previous: readonly ComposeFile[], saved: DraftSaved): ComposeFile[] {
  const fromDraft: ComposeFile[] = saved.attachments.map((attachment) => ({
    kind: "message",
    folder: saved.folder,
    uid: saved.uid,
    part: attachment.part,
    name: attachment.filename,
    size: attachment.size,
  }));
  const names = new Set(fromDraft.map((file) => file.name));
  const pendingFiles = previous.filter((file) => file.kind === "files" && !names.has(file.name));
  const otherMessages = previous.filter(
    (file) => file.kind === "message" && file.folder !== saved.folder && !names.has(file.name),
  );
  return [...fromDraft, ...pendingFiles, ...otherMessages];
}

export function ComposeWindow({
  start,
  maxAttachmentBytes,
  onClose,
  onSent,
}: {
  start: ComposeStart;
  maxAttachmentBytes: number;
  /** The window closes; `draftKept` says whether a draft remains in Drafts. */
  onClose: (draftKept: boolean) => void;
  onSent: () => void;
}) {
  const t = useTranslations("mail.compose");
  const format = useFormatter();
  const describe = useMailError();
  const id = useId();
  const [to, setTo] = useState<Recipient[]>(start.to);
  const [cc, setCc] = useState<Recipient[]>(start.cc);
  const [bcc, setBcc] = useState<Recipient[]>(start.bcc);
  const [showCopies, setShowCopies] = useState(start.cc.length > 0 || start.bcc.length > 0);
  const [subject, setSubject] = useState(start.subject);
  const [body, setBody] = useState<EditorValue>({ html: start.html, text: start.text });
  const [attachments, setAttachments] = useState<ComposeFile[]>(start.attachments);
  const [draftUid, setDraftUid] = useState<number | undefined>(start.draftUid);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveState, setSaveState] = useState<"idle" | "saving" | "failed">("idle");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pickingFiles, setPickingFiles] = useState(false);
  const [uploading, setUploading] = useState(0);
  const [changes, setChanges] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  // The latest values for the debounced save, without re-arming the timer on every render.
  const latest = useRef({ to, cc, bcc, subject, body, attachments, draftUid });
  useEffect(() => {
    latest.current = { to, cc, bcc, subject, body, attachments, draftUid };
  });
  const saving = useRef<Promise<void> | null>(null);

  const request = useCallback((): ComposeRequest => {
    const current = latest.current;
    return {
      mode: start.mode,
      original: start.original,
      to: toWire(current.to),
      cc: toWire(current.cc),
      bcc: toWire(current.bcc),
      subject: current.subject,
      html: current.body.html,
      text: current.body.text,
      attachments: current.attachments.map(stripAttachment),
      draftUid: current.draftUid,
    };
  }, [start.mode, start.original]);

  const persistDraft = useCallback(async (): Promise<number | undefined> => {
    // One save at a time: a save that starts while another runs waits, then saves the newest text.
    while (saving.current) await saving.current;
    let uid: number | undefined;
    const run = (async () => {
      setSaveState("saving");
      try {
        // Only addresses the server will take: a half-typed one stays in the field, not the draft.
        const draft = request();
        draft.to = draft.to.filter((address) => looksLikeAddress(address.address));
        draft.cc = (draft.cc ?? []).filter((address) => looksLikeAddress(address.address));
        draft.bcc = (draft.bcc ?? []).filter((address) => looksLikeAddress(address.address));
        const saved = await saveDraft(draft);
        uid = saved.uid;
        setDraftUid(saved.uid);
        latest.current.draftUid = saved.uid;
        setAttachments((previous) => mergeSaved(previous, saved));
        setSavedAt(new Date());
        setSaveState("idle");
      } catch {
        setSaveState("failed");
      }
    })();
    saving.current = run;
    await run;
    saving.current = null;
    return uid;
  }, [request]);

  // Debounced autosave: two seconds after the last change.
  useEffect(() => {
    if (changes === 0) return;
    const timer = setTimeout(() => void persistDraft(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [changes, persistDraft]);

  const changed = () => setChanges((count) => count + 1);

  async function addFromComputer(files: FileList | null) {
    if (!files || files.length === 0) return;
    setError(null);
    for (const file of Array.from(files)) {
      if (file.size > maxAttachmentBytes) {
        setError(t("tooLarge", { name: file.name, max: formatBytes(maxAttachmentBytes, "fr") }));
        continue;
      }
      setUploading((count) => count + 1);
      try {
        // The file goes into a draft on the server: a draft must exist first.
        const base = latest.current.draftUid ?? (await persistDraft());
        const saved = await uploadDraftAttachment(base, file);
        setDraftUid(saved.uid);
        latest.current.draftUid = saved.uid;
        setAttachments((previous) => mergeSaved(previous, saved));
        setSavedAt(new Date());
      } catch (failure) {
        setError(`${file.name} : ${describe(failure)}`);
      } finally {
        setUploading((count) => count - 1);
      }
    }
  }

  function addFromFiles(entries: FileEntry[]) {
    setAttachments((previous) => [
      ...previous,
      ...entries
        .filter((entry) => !previous.some((file) => file.kind === "files" && file.path === entry.path))
        .map((entry) => ({ kind: "files" as const, path: entry.path, name: entry.name, size: entry.size })),
    ]);
    changed();
  }

  async function send() {
    setError(null);
    const all = [...to, ...cc, ...bcc];
    if (to.length + cc.length + bcc.length === 0) {
      setError(t("noRecipient"));
      return;
    }
    const invalid = all.find((recipient) => !looksLikeAddress(recipient.address));
    if (invalid) {
      setError(t("invalidRecipient", { address: invalid.address }));
      return;
    }
    setSending(true);
    try {
      while (saving.current) await saving.current;
      await sendMessage(request());
      onSent();
    } catch (failure) {
      // The refusal names the draft that keeps the message (`error.draftUid`).
      const keptUid = failure instanceof ApiError ? failure.detail.draftUid : undefined;
      if (typeof keptUid === "number") {
        setDraftUid(keptUid);
        latest.current.draftUid = keptUid;
      }
      setError(t("sendFailed", { reason: describe(failure) }));
      setSending(false);
    }
  }

  async function close() {
    if (changes > 0 || draftUid !== undefined) {
      await persistDraft();
      onClose(true);
    } else onClose(false);
  }

  async function discard() {
    const uid = latest.current.draftUid;
    if (uid !== undefined) await deleteDraft(uid).catch(() => undefined);
    onClose(false);
  }

  const titleKey = start.mode === "new" ? "titleNew" : start.mode === "forward" ? "titleForward" : "titleReply";
  const status =
    saveState === "saving"
      ? t("saving")
      : saveState === "failed"
        ? t("saveFailed")
        : savedAt
          ? t("savedAt", { time: format.dateTime(savedAt, { hour: "2-digit", minute: "2-digit" }) })
          : "";

  return (
    <ModalDialog title={t(titleKey)} onClose={() => void close()} closeLabel={t("close")} wide testId="mail-compose">
      <form
        className="space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <RecipientField
          label={t("to")}
          value={to}
          onChange={(next) => {
            setTo(next);
            changed();
          }}
          testId="compose-to"
        />
        {showCopies ? (
          <>
            <RecipientField
              label={t("cc")}
              value={cc}
              onChange={(next) => {
                setCc(next);
                changed();
              }}
              testId="compose-cc"
            />
            <RecipientField
              label={t("bcc")}
              value={bcc}
              onChange={(next) => {
                setBcc(next);
                changed();
              }}
              testId="compose-bcc"
            />
          </>
        ) : (
          <button type="button" className={buttonClass.quiet} onClick={() => setShowCopies(true)}>
            {t("showCopies")}
          </button>
        )}
        <div className="flex items-center gap-1 border-b border-border py-1">
          <label htmlFor={`${id}-subject`} className="w-12 shrink-0 text-sm text-fg-muted">
            {t("subject")}
          </label>
          <input
            id={`${id}-subject`}
            type="text"
            maxLength={998}
            value={subject}
            onChange={(event) => {
              setSubject(event.target.value.replace(/[\r\n]+/g, " "));
              changed();
            }}
            className="w-full bg-transparent px-1 py-1 text-sm outline-none"
            data-testid="compose-subject"
          />
        </div>
        {start.original && start.mode !== "new" ? <p className="text-xs text-fg-muted">{t("quotedBelow")}</p> : null}
        <RichTextEditor
          initialHtml={start.html}
          label={t("body")}
          onChange={(value) => {
            setBody(value);
            changed();
          }}
        />
        <section aria-label={t("attachments")} className="space-y-1">
          {attachments.length > 0 ? (
            <ul className="flex flex-wrap gap-2" data-testid="compose-attachments">
              {attachments.map((file) => (
                <li
                  key={file.kind === "files" ? `files:${file.path}` : `${file.folder}:${file.uid}:${file.part}`}
                  className="inline-flex items-center gap-1 rounded border border-border-strong px-2 py-1 text-sm"
                >
                  <span className="max-w-48 truncate" title={file.name}>
                    {file.name}
                  </span>
                  {file.size !== null ? (
                    <span className="text-xs text-fg-muted">{formatBytes(file.size, "fr")}</span>
                  ) : null}
                  <button
                    type="button"
                    className="rounded px-1 hover:bg-surface-muted"
                    aria-label={t("removeAttachment", { name: file.name })}
                    onClick={() => {
                      setAttachments((previous) => previous.filter((other) => other !== file));
                      changed();
                    }}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              aria-hidden="true"
              tabIndex={-1}
              data-testid="compose-file-input"
              onChange={(event) => {
                void addFromComputer(event.target.files);
                event.target.value = "";
              }}
            />
            <button type="button" className={buttonClass.secondary} onClick={() => fileInput.current?.click()}>
              {t("attachFromComputer")}
            </button>
            <button type="button" className={buttonClass.secondary} onClick={() => setPickingFiles(true)}>
              {t("attachFromFiles")}
            </button>
            {uploading > 0 ? <span className="text-sm text-fg-muted">{t("uploading")}</span> : null}
          </div>
        </section>
        {error ? (
          <p
            role="alert"
            className="rounded border border-danger bg-danger-surface px-3 py-2 text-sm text-danger"
            data-testid="compose-error"
          >
            {error}
          </p>
        ) : null}
        <DialogActions>
          <span className="mr-auto self-center text-xs text-fg-muted" aria-live="polite" data-testid="compose-status">
            {status}
          </span>
          <button type="button" className={buttonClass.secondary} onClick={() => void discard()}>
            {t("discard")}
          </button>
          <button type="submit" className={buttonClass.primary} disabled={sending || uploading > 0}>
            {sending ? t("sending") : t("send")}
          </button>
        </DialogActions>
      </form>
      {pickingFiles ? (
        <FilesPickerDialog
          onPick={(entries) => {
            setPickingFiles(false);
            addFromFiles(entries);
          }}
          onClose={() => setPickingFiles(false)}
        />
      ) : null}
    </ModalDialog>
  );
}

function FilesPickerDialog({ onPick, onClose }: { onPick: (entries: FileEntry[]) => void; onClose: () => void }) {
  const t = useTranslations("mail.compose.filesPicker");
  const [folder, setFolder] = useState("/");
  const [picked, setPicked] = useState<Map<string, FileEntry>>(new Map());
  return (
    <ModalDialog title={t("title")} onClose={onClose} closeLabel={t("close")} testId="mail-files-picker">
      <FilesBrowser
        folder={folder}
        onFolder={setFolder}
        pickFiles={{
          picked: new Set(picked.keys()),
          onToggle: (entry) => {
            const next = new Map(picked);
            if (next.has(entry.path)) next.delete(entry.path);
            else next.set(entry.path, entry);
            setPicked(next);
          },
        }}
      />
      <DialogActions>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t("cancel")}
        </button>
        <button
          type="button"
          className={buttonClass.primary}
          disabled={picked.size === 0}
          onClick={() => onPick(Array.from(picked.values()))}
        >
          {t("attach", { count: picked.size })}
        </button>
      </DialogActions>
    </ModalDialog>
  );
}
