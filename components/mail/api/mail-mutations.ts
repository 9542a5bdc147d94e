/**
 * The Mail UI's writes: actions on messages (flags, move, trash, archive), drafts, attachments
 * added to a draft, sending, saving an attachment to Files. Plain async functions over `fetchJson`;
 * components call them and refresh the affected queries (MAIL_KEY) themselves, optimistically where
 * the person expects an instant answer (read/unread, flag, delete).
 */
import { ApiError, apiUrl, fetchJson, readApiError } from "@/components/files/api/fetch-json";
import type { ComposeRequest, DraftSaved, MessagesAction, MessagesActionResult, SendResult } from "./types";

export function actOnMessages(folder: string, uids: number[], action: MessagesAction): Promise<MessagesActionResult> {
  return fetchJson<MessagesActionResult>("/api/mail/messages", { method: "PATCH", body: { folder, uids, action } });
}

export function saveDraft(request: ComposeRequest): Promise<DraftSaved> {
  return fetchJson<DraftSaved>("/api/mail/drafts", { method: "POST", body: request });
}

export function deleteDraft(uid: number): Promise<{ deleted: true }> {
  return fetchJson<{ deleted: true }>(apiUrl("/api/mail/drafts", { uid }), { method: "DELETE" });
}

export function sendMessage(request: ComposeRequest): Promise<SendResult> {
  return fetchJson<SendResult>("/api/mail/send", { method: "POST", body: request });
}

export function saveAttachmentToFiles(input: {
  folder: string;
  uid: number;
  part: string;
  destination: string;
}): Promise<{ path: string }> {
  return fetchJson<{ path: string }>("/api/mail/attachment/save-to-files", {
    method: "POST",
    body: { folder: input.folder, uid: input.uid, part: input.part, targetFolder: input.destination },
  });
}

/**
 * Adds a file from the computer to a draft: the body is the file itself (streamed by the browser),
 * the answer the new draft holding it.
 */
export async function uploadDraftAttachment(draftUid: number | undefined, file: File): Promise<DraftSaved> {
  let response: Response;
  try {
    response = await fetch(
      apiUrl("/api/mail/drafts/attachments", {
        draftUid: draftUid === undefined ? undefined : draftUid,
        name: file.name,
      }),
      {
        method: "POST",
        headers: { "content-type": file.type || "application/octet-stream" },
        body: file,
        credentials: "same-origin",
      },
    );
  } catch {
    throw new ApiError(0, "NETWORK", "network error");
  }
  if (!response.ok) throw await readApiError(response);
  return (await response.json()) as DraftSaved;
}
