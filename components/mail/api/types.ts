/**
 * The Mail HTTP API's shapes as the browser receives them (JSON): the one definition of them.
 * The server (server/mail/**) builds these exact shapes; the UI (components/mail/**) reads them.
 * Plain types only, because components/ may not import server code. Keep stable: only ADD fields.
 *
 * Routes (all need a session; errors are the portal's JSON error body `{ error: { code, message } }`;
 * 503 NOT_CONFIGURED without IMAP_URL; 403 GROUPWARE_NOT_CONNECTED when the user has not connected
 * their mail account (password mode); 400 names the bad parameter; 404 for a missing message):
 *
 *   GET    /api/groupware/account                       → GroupwareAccountStatus
 *   POST   /api/groupware/account   {login, password}   → GroupwareAccountStatus (IMAP login checked first; 400 on refusal)
 *   DELETE /api/groupware/account                       → GroupwareAccountStatus
 *
 *   GET    /api/mail/folders                            → { folders: MailFolder[] }
 *   GET    /api/mail/messages?folder=&cursor=&limit=    → MessagePage (newest first; limit 1..200, default 50;
 *                                                          cursor = the previous page's nextCursor)
 *   GET    /api/mail/message?folder=&uid=               → MessageDetail (marks nothing as read: PATCH does)
 *   GET    /api/mail/message/html?folder=&uid=&images=allow
 *                                                       → text/html: the sanitised body as a standalone document,
 *                                                          with its own CSP; for <iframe sandbox src=…> (no allow-scripts,
 *                                                          no allow-same-origin). Without images=allow remote images are blocked.
 *   GET    /api/mail/attachment?folder=&uid=&part=&disposition=attachment|inline
 *                                                       → the part's bytes, streamed (inline only for safe raster images/PDF)
 *   POST   /api/mail/attachment/save-to-files  SaveToFilesRequest → { path: string } (the new file in Files)
 *   PATCH  /api/mail/messages  MessagesActionRequest     → MessagesActionResult
 *   GET    /api/mail/search?folder=&from=&to=&subject=&text=&since=&before=&limit=
 *                                                       → SearchResult (since/before: YYYY-MM-DD; at least one criterion)
 *   POST   /api/mail/drafts   ComposeRequest             → DraftSaved (APPENDs the new draft, deletes `draftUid` if given)
 *   DELETE /api/mail/drafts?uid=                          → { deleted: true }
 *   POST   /api/mail/drafts/attachments?draftUid=&name=   raw body (Content-Type = the file's type, streamed, capped)
 *                                                       → DraftSaved (a NEW draft uid holding the previous draft + this file;
 *                                                          the old draft is deleted). Then reference the file as
 *                                                          { kind: "message", folder: <drafts>, uid, part } in the next save/send.
 *   POST   /api/mail/send     ComposeRequest             → SendResult. The message is first saved to Drafts; on SMTP refusal
 *                                                          the answer is 4xx/502 with `error.draftUid` and `error.draftFolder` (draft kept).
 *
 * Header-bound fields (subject, names, addresses, message ids) refuse CR/LF: 400 naming the field.
 */

export type SpecialUse = "inbox" | "drafts" | "sent" | "trash" | "archive" | "junk";

export interface MailFolder {
  /** Full IMAP path (the id to pass back as `folder`), e.g. "INBOX", "Archive/2025". */
  path: string;
  /** Last segment, decoded, for display. */
  name: string;
  /** Parent path, or null at the top. */
  parent: string | null;
  /** Hierarchy delimiter of the server ("/" or "."). */
  delimiter: string;
  specialUse: SpecialUse | null;
  unread: number;
  total: number;
  /** False for \Noselect containers (they only hold sub-folders). */
  selectable: boolean;
}

export interface MailAddress {
  /** Display name as decoded, "" when absent. */
  name: string;
  address: string;
}

export type MessageFlag = "seen" | "flagged" | "answered" | "draft" | "forwarded";

export interface MessageSummary {
  /** UID inside its folder (positive integer). */
  uid: number;
  folder: string;
  /** Same value for every message of one conversation inside the folder list (a message id, or the uid as text). */
  threadId: string;
  /** RFC 5322 Message-ID (with <>), or null. */
  messageId: string | null;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  /** ISO 8601 (the Date header, else INTERNALDATE). */
  date: string;
  /** First ~200 characters of the text, whitespace collapsed; "" when unknown. */
  preview: string;
  flags: MessageFlag[];
  hasAttachments: boolean;
  /** RFC822 size in bytes. */
  size: number;
}

export interface MessagePage {
  folder: string;
  total: number;
  unread: number;
  messages: MessageSummary[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface AttachmentInfo {
  /** IMAP body part number ("2", "1.2"): the id for the attachment routes. */
  part: string;
  filename: string;
  contentType: string;
  /** Encoded size reported by the server (approximate decoded size). */
  size: number;
  /** Inline parts referenced by cid: from the HTML (shown inside the body, still downloadable). */
  inline: boolean;
  contentId: string | null;
}

export interface MessageDetail extends MessageSummary {
  replyTo: MailAddress[];
  bcc: MailAddress[];
  inReplyTo: string | null;
  references: string[];
  /** Sanitised HTML body fragment (remote images blocked: see remoteImagesBlocked), or null when text only. */
  html: string | null;
  /** Plain text body (from text/plain, else derived from the HTML). */
  text: string;
  /** True when the HTML referenced remote images that were replaced by placeholders. */
  remoteImagesBlocked: boolean;
  attachments: AttachmentInfo[];
  /** Other messages of the same conversation in this folder, oldest first (this one excluded). */
  conversation: MessageSummary[];
  /** True when the source was larger than the server's parse cap: body shortened, attachments still listed. */
  truncated: boolean;
}

export type MessagesAction =
  | { type: "flags"; add?: MessageFlag[]; remove?: MessageFlag[] }
  | { type: "move"; to: string }
  /** To the Trash folder; inside Trash itself, deletes for good (expunge). */
  | { type: "trash" }
  | { type: "archive" }
  | { type: "junk" };

export interface MessagesActionRequest {
  folder: string;
  /** 1..500 uids. */
  uids: number[];
  action: MessagesAction;
}

export interface MessagesActionResult {
  /** For move/trash/archive/junk: the destination folder and old uid → new uid when the server said (UIDPLUS). */
  destination: string | null;
  uidMap: Record<string, number>;
  /** True when messages were deleted for good (trash inside Trash). */
  expunged: boolean;
}

export interface SearchResult {
  folder: string;
  messages: MessageSummary[];
  /** True when more matched than `limit` (newest shown). */
  truncated: boolean;
  totalMatches: number;
}

export type ComposeAttachment =
  /** A file of the user's Files, read on the server at send time. */
  | { kind: "files"; path: string }
  /** A part of an existing message (the forwarded original, or a file already inside the draft). */
  | { kind: "message"; folder: string; uid: number; part: string };

export interface ComposeRequest {
  mode: "new" | "reply" | "reply-all" | "forward";
  /** For reply/reply-all/forward: the original message (In-Reply-To/References are derived from it). */
  original?: { folder: string; uid: number };
  to: MailAddress[];
  cc?: MailAddress[];
  bcc?: MailAddress[];
  subject: string;
  /** Rich text from the editor (sanitised again on the server). */
  html?: string;
  /** Plain text alternative; derived from html when absent. */
  text?: string;
  attachments?: ComposeAttachment[];
  /** The draft this save/send replaces (deleted after success). */
  draftUid?: number;
}

export interface DraftSaved {
  /** The new draft's uid in the Drafts folder. */
  uid: number;
  folder: string;
  attachments: AttachmentInfo[];
}

export interface SendResult {
  messageId: string;
  /** Where the sent copy is (null if the server files it itself and the portal did not append). */
  sentFolder: string | null;
  sentUid: number | null;
  accepted: string[];
  rejected: string[];
}

export interface GroupwareAccountStatus {
  /** How mail authenticates: "password" (user connects once) or OAuth (nothing to connect). */
  mode: "password" | "oauthbearer" | "xoauth2";
  connected: boolean;
  /** The stored login (password mode) or the address used (OAuth), null when not connected. */
  login: string | null;
}
