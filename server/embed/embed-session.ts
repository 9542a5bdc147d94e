/**
 * Embed sessions: the contract between the server-to-server API (E1: server/embed/**,
 * app/api/embed/v1/**) and the iframe (E2: app/embed/**, app/api/embed/session/**).
 *
 * FLOW
 *   1. The vendor's server creates a session (POST /api/embed/v1/sessions) and gets
 *      `embedUrl = ${portalUrl()}/embed/v1/launch#<token>` — see `embedLaunchUrl`. The token sits in
 *      the URL FRAGMENT so it never reaches a server log or a Referer; it is single-use and valid
 *      EMBED_LAUNCH_TTL_SECONDS (5 min), so a URL leaked after use opens nothing.
 *   2. The launch page reads `location.hash.slice(1)` and POSTs it to its own route, which calls
 *      `exchangeLaunchToken(token, meta)`. Atomic and single-use: a reused, expired or unknown token,
 *      or one whose session was cancelled/closed/expired, throws `EmbedLaunchError` (`reason` says
 *      which, for a precise page; status 401; audited as `embed.launch_refused`).
 *      On success the route sets the cookie:
 *        `${EMBED_COOKIE_NAME}=${cookieValue}; ${embedCookieAttributes(expiresAt)}`
 *      (HttpOnly; Secure; SameSite=None; Partitioned; Path=/) — or simply `serializeEmbedCookie`.
 *   3. Every iframe request reads the cookie and calls `readEmbedSession(cookieValue)`: the session
 *      (active, unexpired) or null. It names ONE document and a `role` (editor | reader: the
 *      session's mode, capped by the user's current role on the document); the iframe's routes
 *      must open that document only and nothing else — the cookie is not a portal session and
 *      `getCurrentUser()` / `requireRequestUser()` never accept it.
 *   4. Iframe events: `recordEmbedEvent(sessionId, "opened" | "saved" | "closed")`. "saved" (after E2
 *      forced a named version) enqueues a `document.saved` webhook; "closed" ends the session (the
 *      cookie stops working) and enqueues `session.closed` — idempotent: a second close does
 *      nothing. Events on a session that is no longer active throw NOT_FOUND / CONFLICT.
 *   `clientAllowedOrigins(session.clientId)` gives the exact origins for `frame-ancestors` and the
 *   postMessage targetOrigin (session.allowedOrigins holds the same list, read at readEmbedSession).
 *
 * WHY a table of our own and not a row in `sessions` with provider `embed`: a portal session row
 * is accepted everywhere (pages, every API, the account page's "my sessions") and its scope is the
 * whole account; an embed cookie must open one document in one mode and nothing else. Keeping its
 * hash on embed_sessions makes that scope structural — only `readEmbedSession` knows the cookie —
 * and lets the vendor's cancel, the iframe's close and expiry end it with the session itself.
 *
 * Templates (for the sample vendor): the portal's template ids are those of
 * server/documents/templates/document-templates.ts — the discharge summary is `discharge-summary`
 * (fields patient, birthDate, admissionDate, dischargeDate, service, physician, reason, summary,
 * dischargeTreatment, followUp).
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/server/db/client";
import { documentMembers, documents, users } from "@/server/db/schema";
import { embedLaunchTokens, embedSessions, type EmbedEditor, type EmbedMode } from "@/server/embed/schema";
import { clientAllowedOrigins } from "@/server/embed/clients";
import { enqueueWebhook } from "@/server/embed/webhooks/enqueue-webhook";
import { wakeWebhookWorker } from "@/server/embed/webhooks/worker-signal";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";
import { portalUrl } from "@/server/env";
import { lowerRole } from "@/server/documents/access";
import type { DocumentRole } from "@/server/documents/schema";

export { clientAllowedOrigins };

/** The iframe's cookie. No `__Host-` prefix: e2e runs the portal on http://localhost, where Chromium accepts Secure but not every prefix rule. */
export const EMBED_COOKIE_NAME = "portal_embed";

/** Path of the launch page; the one-time token follows in the fragment. */
export const EMBED_LAUNCH_PATH = "/embed/v1/launch";

export function embedLaunchUrl(token: string, origin: string = portalUrl()): string {
  return `${origin}${EMBED_LAUNCH_PATH}#${token}`;
}

/** Attributes of the embed cookie: usable inside a third-party iframe, partitioned per top-level site (CHIPS). */
export function embedCookieAttributes(expiresAt?: Date): string {
  const base = "HttpOnly; Secure; SameSite=None; Partitioned; Path=/";
  if (!expiresAt) return base;
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${base}; Max-Age=${maxAge}`;
}

/** The whole Set-Cookie value for a launched session. */
export function serializeEmbedCookie(cookieValue: string, expiresAt: Date): string {
  return `${EMBED_COOKIE_NAME}=${cookieValue}; ${embedCookieAttributes(expiresAt)}`;
}

/** A Set-Cookie value that removes the embed cookie (after close). */
export function clearedEmbedCookie(): string {
  return `${EMBED_COOKIE_NAME}=; ${embedCookieAttributes()}; Max-Age=0`;
}

export function hashEmbedSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Launch tokens and cookie secrets: 32 random bytes, base64url (43 characters). */
const SECRET_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function newEmbedSecret(): string {
  return randomBytes(32).toString("base64url");
}

export interface EmbedSession {
  id: string;
  clientId: string;
  userId: string;
  userDisplayName: string;
  documentId: string;
  mode: EmbedMode;
  /** What the iframe may do: the mode's role capped by the user's current role on the document. */
  role: Extract<DocumentRole, "editor" | "reader">;
  /** `native` (the portal's editor) today; `office` is the seam for DOCX in the office editor (issue 6). */
  editor: EmbedEditor;
  reference: string;
  locale: "fr" | "en";
  expiresAt: Date;
  /** The client's allowed framing origins (exact), read from EMBED_CLIENTS_FILE now. */
  allowedOrigins: readonly string[];
}

export type EmbedLaunchRefusal = "malformed" | "unknown" | "used" | "expired" | "session_ended";

/** A launch token that cannot be exchanged; `reason` lets the page say why (401 for the API). */
export class EmbedLaunchError extends AppError {
  readonly reason: EmbedLaunchRefusal;
  constructor(reason: EmbedLaunchRefusal) {
    const messages: Record<EmbedLaunchRefusal, string> = {
      malformed: "invalid embed link",
      unknown: "unknown embed link",
      used: "this embed link was already used",
      expired: "this embed link has expired",
      session_ended: "this editing session has ended",
    };
    super("UNAUTHENTICATED", { userMessage: messages[reason] });
    this.reason = reason;
  }
}

export interface LaunchedEmbedSession {
  sessionId: string;
  /** The cookie's secret: goes in the Set-Cookie only, never logged. */
  cookieValue: string;
  documentId: string;
  mode: EmbedMode;
  clientId: string;
  locale: "fr" | "en";
  editor: EmbedEditor;
  expiresAt: Date;
}

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Spends a one-time launch token and opens the session's cookie. The token row is marked used by
 * one conditional UPDATE, so two concurrent exchanges of one token cannot both succeed.
 */
export async function exchangeLaunchToken(token: string, meta: RequestMeta = {}): Promise<LaunchedEmbedSession> {
  if (!SECRET_FORMAT.test(token)) throw await refuse("malformed", null, meta);
  const tokenHash = hashEmbedSecret(token);
  const database = await db();
  const now = new Date();
  const outcome = await database.transaction(async (tx) => {
    const [spent] = await tx
      .update(embedLaunchTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(embedLaunchTokens.tokenHash, tokenHash),
          isNull(embedLaunchTokens.usedAt),
          gt(embedLaunchTokens.expiresAt, now),
        ),
      )
      .returning({ sessionId: embedLaunchTokens.sessionId });
    if (!spent) return { refused: true as const };
    const cookieValue = newEmbedSecret();
    const [session] = await tx
      .update(embedSessions)
      .set({ cookieHash: hashEmbedSecret(cookieValue), launchedAt: now })
      .where(
        and(
          eq(embedSessions.id, spent.sessionId),
          eq(embedSessions.status, "active"),
          gt(embedSessions.expiresAt, now),
        ),
      )
      .returning();
    if (!session) return { refused: true as const, sessionEnded: spent.sessionId };
    return { refused: false as const, session, cookieValue };
  });
  if (outcome.refused) {
    if ("sessionEnded" in outcome && outcome.sessionEnded)
      throw await refuse("session_ended", outcome.sessionEnded, meta);
    const [row] = await database
      .select({ usedAt: embedLaunchTokens.usedAt, sessionId: embedLaunchTokens.sessionId })
      .from(embedLaunchTokens)
      .where(eq(embedLaunchTokens.tokenHash, tokenHash))
      .limit(1);
    throw await refuse(!row ? "unknown" : row.usedAt ? "used" : "expired", row?.sessionId ?? null, meta);
  }
  const { session, cookieValue } = outcome;
  await recordAuditEvent({
    action: "embed.session_launched",
    actorUserId: session.userId,
    targetType: "document",
    targetId: session.documentId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: { clientId: session.clientId, sessionId: session.id, mode: session.mode },
  });
  return {
    sessionId: session.id,
    cookieValue,
    documentId: session.documentId,
    mode: session.mode,
    clientId: session.clientId,
    locale: session.locale === "en" ? "en" : "fr",
    editor: session.editor,
    expiresAt: session.expiresAt,
  };
}

async function refuse(
  reason: EmbedLaunchRefusal,
  sessionId: string | null,
  meta: RequestMeta,
): Promise<EmbedLaunchError> {
  let context: { userId: string; documentId: string; clientId: string } | undefined;
  if (sessionId) {
    const [row] = await (
      await db()
    )
      .select({ userId: embedSessions.userId, documentId: embedSessions.documentId, clientId: embedSessions.clientId })
      .from(embedSessions)
      .where(eq(embedSessions.id, sessionId))
      .limit(1);
    context = row;
  }
  await recordAuditEvent({
    action: "embed.launch_refused",
    outcome: "failure",
    actorUserId: context?.userId ?? null,
    targetType: context ? "document" : null,
    targetId: context?.documentId ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: { reason, clientId: context?.clientId ?? null, sessionId },
  });
  return new EmbedLaunchError(reason);
}

/** The active session a cookie opens, or null (unknown, closed, cancelled, expired, access removed). */
export async function readEmbedSession(cookieValue: string): Promise<EmbedSession | null> {
  if (!SECRET_FORMAT.test(cookieValue)) return null;
  const [found] = await (
    await db()
  )
    .select({ session: embedSessions, displayName: users.displayName, memberRole: documentMembers.role })
    .from(embedSessions)
    .innerJoin(users, eq(users.id, embedSessions.userId))
    .innerJoin(documents, and(eq(documents.id, embedSessions.documentId), isNull(documents.deletedAt)))
    .leftJoin(
      documentMembers,
      and(eq(documentMembers.documentId, embedSessions.documentId), eq(documentMembers.userId, embedSessions.userId)),
    )
    .where(
      and(
        eq(embedSessions.cookieHash, hashEmbedSecret(cookieValue)),
        eq(embedSessions.status, "active"),
        gt(embedSessions.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  if (!found) return null;
  const role = lowerRole(found.memberRole, found.session.mode === "edit" ? "editor" : "reader");
  if (role !== "editor" && role !== "reader") return null;
  const { session } = found;
  return {
    id: session.id,
    clientId: session.clientId,
    userId: session.userId,
    userDisplayName: found.displayName,
    documentId: session.documentId,
    mode: session.mode,
    role,
    editor: session.editor,
    reference: session.reference,
    locale: session.locale === "en" ? "en" : "fr",
    expiresAt: session.expiresAt,
    allowedOrigins: clientAllowedOrigins(session.clientId),
  };
}

export type EmbedEventKind = "opened" | "saved" | "closed";

const EVENT_ACTIONS = {
  opened: "embed.session_opened",
  saved: "embed.document_saved",
  closed: "embed.session_closed",
} as const;

/**
 * Records what happened in the iframe: an audit event, and for "saved"/"closed" a webhook in the
 * outbox (same transaction as the status change). "closed" ends the session; closing a session
 * that is already closed does nothing and returns `{ changed: false }`.
 */
export async function recordEmbedEvent(
  sessionId: string,
  kind: EmbedEventKind,
  meta: RequestMeta = {},
): Promise<{ changed: boolean }> {
  const database = await db();
  const result = await database.transaction(async (tx) => {
    const [session] = await tx.select().from(embedSessions).where(eq(embedSessions.id, sessionId)).for("update");
    if (!session) throw new AppError("NOT_FOUND", { userMessage: "no such embed session" });
    if (session.status !== "active") {
      if (kind === "closed") return { session, changed: false };
      throw new AppError("CONFLICT", { userMessage: `the embed session is ${session.status}` });
    }
    if (kind === "closed") {
      await tx
        .update(embedSessions)
        .set({ status: "closed", closedAt: new Date() })
        .where(eq(embedSessions.id, sessionId));
    }
    if (kind !== "opened") {
      await enqueueWebhook(tx, {
        clientId: session.clientId,
        type: kind === "saved" ? "document.saved" : "session.closed",
        sessionId,
        documentId: session.documentId,
        reference: session.reference,
      });
    }
    return { session, changed: true };
  });
  if (result.changed) {
    wakeWebhookWorker();
    await recordAuditEvent({
      action: EVENT_ACTIONS[kind],
      actorUserId: result.session.userId,
      targetType: "document",
      targetId: result.session.documentId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { clientId: result.session.clientId, sessionId },
    });
  }
  return { changed: result.changed };
}
