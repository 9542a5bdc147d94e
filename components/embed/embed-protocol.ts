/**
 * The postMessage API between the portal's iframe and the vendor's page (the "DPI"), version 1.
 *
 * Every message, both ways, is a JSON-compatible object with the envelope
 *   { type: "portal.embed", version: 1, … }
 * and either `event` (portal → vendor) or `command` (vendor → portal). A command may carry a
 * `requestId` (string ≤ 64) that the answering event echoes.
 *
 * Events (sent to the vendor's exact origin only, never "*"):
 *   ready    { documentId, mode: "edit"|"view" }   the editor shows the document, synced
 *   changed  {}                                    the content changed (debounced, ~500 ms)
 *   saved    { versionId, savedAt, requestId? }    a named version exists; webhook document.saved
 *   closed   { requestId? }                        the session is over; webhook session.closed
 *   error    { code, message?, reason?, requestId? } codes: launch_refused (reason: malformed |
 *            unknown | used | expired | session_ended | network), session_ended, read_only,
 *            not_synced, invalid_command, text_too_long, request_failed
 * Commands (accepted only from window.parent at the origin the session was launched for):
 *   save       { label? }  force a named version now (label: plain text ≤ 120)
 *   close      {}          save (edit mode), end the session, show "document fermé"
 *   insertText { text }    insert plain text at the cursor (≤ 20 000 characters; never parsed as
 *                          HTML: lines become text nodes separated by line breaks)
 */

export const EMBED_MESSAGE_TYPE = "portal.embed";
export const EMBED_PROTOCOL_VERSION = 1;
export const MAX_INSERT_TEXT_LENGTH = 20_000;

export type EmbedErrorCode =
  | "launch_refused"
  | "session_ended"
  | "read_only"
  | "not_synced"
  | "invalid_command"
  | "text_too_long"
  | "request_failed";

export type EmbedEvent =
  | { event: "ready"; documentId: string; mode: "edit" | "view" }
  | { event: "changed" }
  | { event: "saved"; versionId: string; savedAt: string; requestId?: string }
  | { event: "closed"; requestId?: string }
  | { event: "error"; code: EmbedErrorCode; message?: string; reason?: string; requestId?: string };

export type EmbedCommand =
  | { command: "save"; label?: string; requestId?: string }
  | { command: "close"; requestId?: string }
  | { command: "insertText"; text: string; requestId?: string };

export type EmbedEnvelope<T> = T & { type: typeof EMBED_MESSAGE_TYPE; version: typeof EMBED_PROTOCOL_VERSION };

export function envelope<T extends EmbedEvent>(event: T): EmbedEnvelope<T> {
  return { type: EMBED_MESSAGE_TYPE, version: EMBED_PROTOCOL_VERSION, ...event };
}

export type ParsedCommand =
  | { ok: true; command: EmbedCommand }
  | { ok: false; code: "invalid_command" | "text_too_long"; requestId?: string }
  | { ok: false; code: null };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a vendor message. Not ours at all (another library's message): `{ ok: false, code: null }`,
 * to be ignored silently. Ours but malformed: `invalid_command` (or `text_too_long`), answered.
 */
export function parseCommand(data: unknown): ParsedCommand {
  if (!isRecord(data) || data.type !== EMBED_MESSAGE_TYPE) return { ok: false, code: null };
  const requestId = typeof data.requestId === "string" && data.requestId.length <= 64 ? data.requestId : undefined;
  const fail = (code: "invalid_command" | "text_too_long"): ParsedCommand =>
    requestId === undefined ? { ok: false, code } : { ok: false, code, requestId };
  if (data.version !== EMBED_PROTOCOL_VERSION) return fail("invalid_command");
  if (data.requestId !== undefined && requestId === undefined) return fail("invalid_command");
  const withId = <T extends object>(command: T): T => (requestId === undefined ? command : { ...command, requestId });
  switch (data.command) {
    case "save": {
      if (data.label === undefined) return { ok: true, command: withId({ command: "save" as const }) };
      if (typeof data.label !== "string" || data.label.trim().length === 0 || data.label.length > 120)
        return fail("invalid_command");
      return { ok: true, command: withId({ command: "save" as const, label: data.label.trim() }) };
    }
    case "close":
      return { ok: true, command: withId({ command: "close" as const }) };
    case "insertText": {
      if (typeof data.text !== "string" || data.text.length === 0) return fail("invalid_command");
      if (data.text.length > MAX_INSERT_TEXT_LENGTH) return fail("text_too_long");
      return { ok: true, command: withId({ command: "insertText" as const, text: data.text }) };
    }
    default:
      return fail("invalid_command");
  }
}

/**
 * Plain text as tiptap inline content: one text node per non-empty line, hard breaks between
 * lines. Text nodes are never parsed, so `<b>` or `<script>` stay visible characters. Control
 * characters other than tab are dropped.
 */
export function textToInlineContent(text: string): Array<{ type: "text"; text: string } | { type: "hardBreak" }> {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
    .split("\n");
  const nodes: Array<{ type: "text"; text: string } | { type: "hardBreak" }> = [];
  lines.forEach((line, index) => {
    if (index > 0) nodes.push({ type: "hardBreak" });
    if (line.length > 0) nodes.push({ type: "text", text: line });
  });
  return nodes;
}
