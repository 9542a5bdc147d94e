/**
 * The embedding API's data shapes, in one place: the routes validate with these zod schemas and
 * the OpenAPI document (openapi.ts) is generated from the very same objects (`z.toJSONSchema`), so
 * the published contract cannot drift from what the server accepts.
 */
import "server-only";
import { z } from "zod";
import {
  EMBED_EDITORS,
  EMBED_MODES,
  EMBED_SESSION_STATUSES,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
} from "@/server/embed/schema";

export const ZLocale = z.enum(["fr", "en"]);

export const ZEmbedUser = z
  .strictObject({
    subject: z.string().min(1).max(255).optional().describe("The person's subject at ID CAIH (the hospital's SSO)."),
    rpps: z
      .string()
      .regex(/^\d{11}$/, "expected the 11-digit RPPS number")
      .optional()
      .describe("RPPS number (11 digits)."),
    name: z.string().trim().min(1).max(200).describe("Display name, used only when the portal provisions the user."),
    profession: z.string().trim().min(1).max(120).optional(),
  })
  .refine((user) => user.subject !== undefined || user.rpps !== undefined, {
    message: "give the user's subject (ID CAIH) or rpps",
    path: ["subject"],
  })
  .describe("The user as the vendor identifies them: found by ID CAIH subject, then RPPS, else provisioned.");

export const ZTemplateDocument = z.strictObject({
  template: z.strictObject({
    id: z
      .string()
      .min(1)
      .max(64)
      .describe("A template id among the client's allowedTemplates, e.g. discharge-summary."),
    fields: z
      .record(z.string().max(64), z.string().max(20_000))
      .default({})
      .describe("Field values (patient, dates YYYY-MM-DD, unit…), inserted as plain text: markup stays text."),
    title: z.string().trim().min(1).max(200).optional(),
  }),
});

export const ZExistingDocument = z.strictObject({
  documentId: z.uuid().describe("A document created earlier through this client's sessions."),
});

export const ZUploadDocument = z.strictObject({
  upload: z
    .strictObject({ title: z.string().trim().min(1).max(200).optional() })
    .describe("The DOCX or ODT file is the multipart part named `file` (the title defaults to its file name)."),
});

export const ZSessionDocument = z.union([ZTemplateDocument, ZExistingDocument, ZUploadDocument]);

export const ZCreateSessionBody = z.strictObject({
  user: ZEmbedUser,
  document: ZSessionDocument,
  mode: z.enum(EMBED_MODES),
  reference: z.string().trim().min(1).max(200).describe("The vendor's own id for this work (stay, encounter…)."),
  locale: ZLocale.optional().describe("Language of the editor; the client's default (fr) when absent."),
});
export type TCreateSessionBody = z.output<typeof ZCreateSessionBody>;

export const ZSessionCreated = z.object({
  sessionId: z.uuid(),
  documentId: z.uuid(),
  embedUrl: z.url().describe("One-time URL for the iframe; the token is in the fragment. Valid until expiresAt."),
  expiresAt: z.iso.datetime().describe("When the embed URL stops working if unused."),
  sessionExpiresAt: z.iso.datetime(),
});

/** As stored, plus `expired`: an active session past its expiresAt (its cookie no longer works). */
export const SESSION_VIEW_STATUSES = [...EMBED_SESSION_STATUSES, "expired"] as const;
export const ZSessionViewStatus = z.enum(SESSION_VIEW_STATUSES);

export const ZSessionView = z.object({
  sessionId: z.uuid(),
  documentId: z.uuid(),
  reference: z.string(),
  mode: z.enum(EMBED_MODES),
  status: ZSessionViewStatus,
  editor: z.enum(EMBED_EDITORS),
  locale: ZLocale,
  user: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.iso.datetime(),
  launchedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
});

const ZLimit = z.coerce.number().int().min(1).max(100).default(50);
const ZCursor = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "expected the nextCursor of a previous page");

export const ZListSessionsQuery = z.strictObject({
  reference: z.string().min(1).max(200).optional(),
  status: ZSessionViewStatus.optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});

export const ZSessionList = z.object({
  sessions: z.array(ZSessionView),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last one."),
});

export const EMBED_EXPORT_FORMATS = ["docx", "odt", "pdf", "pdfa", "native"] as const;
export const ZExportQuery = z.strictObject({
  format: z
    .enum(EMBED_EXPORT_FORMATS)
    .describe("pdfa = PDF/A-2b for the patient record's archive; native = the portal's JSON (ProseMirror/tiptap)."),
});

export const ZNativeDocument = z.object({
  type: z.literal("portal.document"),
  schemaVersion: z.literal(1),
  documentId: z.uuid(),
  title: z.string(),
  content: z.record(z.string(), z.unknown()).describe("ProseMirror (tiptap) JSON of the document's body."),
});

export const ZIdParam = z.uuid();

export const ZTokenRequest = z.object({
  grant_type: z.string().describe("client_credentials"),
  client_id: z.string().optional().describe("client_secret_post only; otherwise HTTP Basic."),
  client_secret: z.string().optional(),
  scope: z.string().optional().describe("`embed` (the only scope), or absent."),
});

export const ZTokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int(),
  scope: z.literal("embed"),
});

export const ZOAuthError = z.object({
  error: z.enum([
    "invalid_request",
    "invalid_client",
    "unsupported_grant_type",
    "invalid_scope",
    "temporarily_unavailable",
  ]),
  error_description: z.string(),
});

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const ZWebhookEvent = z.object({
  id: z.uuid().describe("Event id, the same on every retry: deduplicate on it."),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  sessionId: z.uuid(),
  documentId: z.uuid(),
  reference: z.string(),
  occurredAt: z.iso.datetime(),
});

export const ZListDeliveriesQuery = z.strictObject({
  sessionId: z.uuid().optional(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});

export const ZDeliveryView = z.object({
  id: z.uuid(),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  sessionId: z.uuid().nullable(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.array(
    z.object({
      attempt: z.number().int(),
      at: z.iso.datetime(),
      httpStatus: z.number().int().nullable(),
      durationMs: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
  nextAttemptAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
});

export const ZDeliveryList = z.object({ deliveries: z.array(ZDeliveryView), nextCursor: z.string().nullable() });
