/**
 * Creates an embed session for a vendor (POST /api/embed/v1/sessions): finds or provisions the
 * user, gets the document — new from one of the client's allowed templates (field values as text),
 * an uploaded DOCX/ODT (already received to a temporary file by the route), or an existing
 * document this same client created — gives the user the session's role on it, and issues the
 * one-time launch token the embed URL carries (only its hash is stored).
 *
 * Editor seam: every session opens the portal's native editor today (`editor: "native"`; an
 * upload is imported into it). When the office editor (issue 6) can open a stored DOCX, a session
 * for an upload may record `office` here and the iframe opens that editor instead.
 */
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/server/db/client";
import { documentMembers, documents } from "@/server/db/schema";
import { embedDocuments, embedLaunchTokens, embedSessions, type EmbedMode } from "@/server/embed/schema";
import type { EmbedClient } from "@/server/embed/clients";
import type { TCreateSessionBody } from "@/server/embed/api/schemas";
import { embedLaunchUrl, hashEmbedSecret, newEmbedSecret, type RequestMeta } from "@/server/embed/embed-session";
import { resolveEmbedUser } from "@/server/embed/resolve-embed-user";
import { createDocumentFromTemplate } from "@/server/documents/templates/create-document-from-template";
import { importOfficeFile } from "@/server/documents/convert/import-office-file";
import { createImportedDocument } from "@/server/documents/convert/create-imported-document";
import { ZDocumentTitle } from "@/server/documents/document-schemas";
import { roleAtLeast } from "@/server/documents/access";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { getTranslations } from "@/server/i18n/get-translations";
import { findTemplate } from "@/server/documents/templates/document-templates";
import type { TLocale } from "@/i18n/locales";

export interface ReceivedUpload {
  path: string;
  fileName: string;
}

export interface CreatedEmbedSession {
  sessionId: string;
  documentId: string;
  embedUrl: string;
  expiresAt: string;
  sessionExpiresAt: string;
}

function titleFromFileName(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, "")
    .replace(/\.(docx|odt)$/i, "")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .trim()
    .slice(0, 200);
  const parsed = ZDocumentTitle.safeParse(base);
  return parsed.success ? parsed.data : "Document importé";
}

/**
 * "Compte rendu d'hospitalisation – <patient>", as the portal names it (templates/template-title.ts),
 * but in the session's language: there is no browser request here to take a locale from.
 */
async function defaultTitle(
  templateId: string,
  fields: Record<string, string>,
  locale: TLocale,
): Promise<string | undefined> {
  const template = findTemplate(templateId);
  if (!template) return undefined;
  const t = await getTranslations("documents", locale);
  const name = t(`templates.${template.id}.name` as "templates.discharge-summary.name");
  const suffix = template.titleField
    ? (fields[template.titleField] ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").trim()
    : "";
  return (suffix ? `${name} – ${suffix}` : name).slice(0, 200);
}

/** The document the session opens, and how it was made when this call created it (null: an existing one). */
async function obtainDocument(
  client: EmbedClient,
  userId: string,
  spec: TCreateSessionBody["document"],
  upload: ReceivedUpload | null,
  locale: TLocale,
): Promise<{ documentId: string; created: "template" | "upload" | null }> {
  if ("template" in spec) {
    if (!client.allowedTemplates.includes(spec.template.id)) {
      throw new AppError("BAD_REQUEST", {
        userMessage: `invalid document.template.id: "${spec.template.id.slice(0, 64)}" is not among this client's allowed templates`,
      });
    }
    const created = await createDocumentFromTemplate({
      ownerId: userId,
      templateId: spec.template.id,
      fields: spec.template.fields,
      title: spec.template.title ?? (await defaultTitle(spec.template.id, spec.template.fields, locale)),
    });
    return { documentId: created.id, created: "template" };
  }
  if ("upload" in spec) {
    if (!upload)
      throw new AppError("BAD_REQUEST", { userMessage: "document.upload: send the file as the multipart part `file`" });
    const imported = await importOfficeFile(upload.path, { maxImageBytes: env().DOCUMENTS_IMAGE_MAX_BYTES });
    const created = await createImportedDocument({
      ownerId: userId,
      title: spec.upload.title ?? titleFromFileName(upload.fileName),
      content: imported.content,
      images: imported.images,
      format: imported.format,
    });
    return { documentId: created.id, created: "upload" };
  }
  const [owned] = await (
    await db()
  )
    .select({ id: embedDocuments.documentId })
    .from(embedDocuments)
    .innerJoin(documents, and(eq(documents.id, embedDocuments.documentId), isNull(documents.deletedAt)))
    .where(and(eq(embedDocuments.documentId, spec.documentId), eq(embedDocuments.clientId, client.id)))
    .limit(1);
  // Another client's document, a portal document, a deleted one: all answer as unknown.
  if (!owned) throw new AppError("NOT_FOUND", { userMessage: "document.documentId: no such document for this client" });
  return { documentId: owned.id, created: null };
}

/** Makes sure the user holds at least the mode's role on the document (never lowers a higher one). */
async function grantRole(documentId: string, userId: string, mode: EmbedMode): Promise<void> {
  const needed = mode === "edit" ? "editor" : "reader";
  await (
    await db()
  ).transaction(async (tx) => {
    const [member] = await tx
      .select({ role: documentMembers.role })
      .from(documentMembers)
      .where(and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, userId)))
      .for("update");
    if (member && roleAtLeast(member.role, needed)) return;
    if (member) {
      await tx
        .update(documentMembers)
        .set({ role: needed })
        .where(and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, userId)));
    } else {
      await tx.insert(documentMembers).values({ documentId, userId, role: needed }).onConflictDoNothing();
    }
  });
}

export async function createEmbedSession(input: {
  client: EmbedClient;
  body: TCreateSessionBody;
  upload: ReceivedUpload | null;
  meta?: RequestMeta;
}): Promise<CreatedEmbedSession> {
  const { client, body } = input;
  const config = env();
  const user = await resolveEmbedUser(body.user);
  const locale = body.locale ?? client.locale;
  const document = await obtainDocument(client, user.userId, body.document, input.upload, locale);
  try {
    // A new document is the user's own (owner); an existing one may need the mode's role granted.
    if (!document.created) await grantRole(document.documentId, user.userId, body.mode);
    const token = newEmbedSecret();
    const now = Date.now();
    const sessionExpiresAt = new Date(now + config.EMBED_SESSION_TTL_SECONDS * 1000);
    const launchExpiresAt = new Date(now + config.EMBED_LAUNCH_TTL_SECONDS * 1000);
    const sessionId = await (
      await db()
    ).transaction(async (tx) => {
      if (document.created) {
        await tx
          .insert(embedDocuments)
          .values({ documentId: document.documentId, clientId: client.id, origin: document.created });
      }
      const [session] = await tx
        .insert(embedSessions)
        .values({
          clientId: client.id,
          userId: user.userId,
          documentId: document.documentId,
          mode: body.mode,
          editor: "native",
          reference: body.reference,
          locale,
          expiresAt: sessionExpiresAt,
        })
        .returning({ id: embedSessions.id });
      if (!session) throw new Error("embed session insert returned no row");
      await tx
        .insert(embedLaunchTokens)
        .values({ tokenHash: hashEmbedSecret(token), sessionId: session.id, expiresAt: launchExpiresAt });
      return session.id;
    });
    const audited = {
      actorUserId: user.userId,
      targetType: "document",
      targetId: document.documentId,
      ip: input.meta?.ip,
      userAgent: input.meta?.userAgent,
    };
    await recordAuditEvent({
      ...audited,
      action: "embed.session_created",
      details: {
        clientId: client.id,
        sessionId,
        mode: body.mode,
        source: "template" in body.document ? "template" : "upload" in body.document ? "upload" : "existing",
        userProvisioned: user.created,
      },
    });
    // An existing document handed to another session (another user, or reopened) is an access.
    if (!document.created) {
      await recordAuditEvent({
        ...audited,
        action: "embed.document_accessed",
        details: { clientId: client.id, sessionId },
      });
    }
    return {
      sessionId,
      documentId: document.documentId,
      embedUrl: embedLaunchUrl(token),
      expiresAt: launchExpiresAt.toISOString(),
      sessionExpiresAt: sessionExpiresAt.toISOString(),
    };
  } catch (error) {
    // A new document whose session could not be made is removed again (nothing half-created).
    if (document.created) await (await db()).delete(documents).where(eq(documents.id, document.documentId));
    throw error;
  }
}
