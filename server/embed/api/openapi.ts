/**
 * GET /api/embed/v1/openapi.json — the embedding API described in OpenAPI 3.1, generated from the
 * zod schemas the routes validate with (schemas.ts, through zod 4's `z.toJSONSchema`): request
 * bodies and query parameters as the server parses them (`io: "input"`), answers as it writes them.
 * OpenAPI 3.1 uses JSON Schema 2020-12, zod's default target, so the schemas go in unchanged.
 * The webhooks the portal sends are described under `webhooks` (OpenAPI 3.1).
 */
import "server-only";
import { z } from "zod";
import { portalUrl } from "@/server/env";
import { IMPORT_MAX_BYTES } from "@/server/documents/convert/convert-limits";
import {
  ZCreateSessionBody,
  ZDeliveryList,
  ZErrorBody,
  ZExportQuery,
  ZListDeliveriesQuery,
  ZListSessionsQuery,
  ZNativeDocument,
  ZOAuthError,
  ZSessionCreated,
  ZSessionList,
  ZSessionView,
  ZTokenRequest,
  ZTokenResponse,
  ZWebhookEvent,
} from "@/server/embed/api/schemas";
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOLERANCE_SECONDS } from "@/server/embed/webhooks/webhook-signature";

type Json = Record<string, unknown>;

/** Named schemas of components.schemas: the request schemas exactly as the routes parse them. */
export const OPENAPI_REQUEST_SCHEMAS = {
  CreateSessionRequest: ZCreateSessionBody,
  TokenRequest: ZTokenRequest,
} as const;

/** Query objects whose properties become each operation's parameters. */
export const OPENAPI_QUERY_SCHEMAS = {
  listSessions: ZListSessionsQuery,
  exportDocument: ZExportQuery,
  listWebhookDeliveries: ZListDeliveriesQuery,
} as const;

const OUTPUT_SCHEMAS = {
  SessionCreated: ZSessionCreated,
  Session: ZSessionView,
  SessionList: ZSessionList,
  NativeDocument: ZNativeDocument,
  TokenResponse: ZTokenResponse,
  OAuthError: ZOAuthError,
  Error: ZErrorBody,
  WebhookEvent: ZWebhookEvent,
  WebhookDeliveryList: ZDeliveryList,
} as const;

/** A schema as JSON Schema 2020-12, without `$schema` (OpenAPI 3.1 sets the dialect for the whole document). */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  delete json.$schema;
  return json;
}

export function inputJsonSchema(schema: z.ZodType): Json {
  return jsonSchema(schema, "input");
}

function outputJsonSchema(schema: z.ZodType): Json {
  return jsonSchema(schema, "output");
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function queryParameters(schema: z.ZodObject): Json[] {
  const json = inputJsonSchema(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function errors(...statuses: number[]): Json {
  const descriptions: Record<number, string> = {
    400: "Invalid input: the message names the field.",
    401: "Missing, invalid or expired access token (WWW-Authenticate: Bearer).",
    404: "No such session or document for this client (another client's is not found either).",
    413: `Upload larger than ${IMPORT_MAX_BYTES} bytes.`,
    415: "Unsupported Content-Type.",
    503: "Embedding is not configured on this portal.",
  };
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: descriptions[status] ?? "Error", content: { "application/json": { schema: ref("Error") } } },
    ]),
  );
}

const idParameter = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", format: "uuid" },
});

function webhook(type: string, summary: string): Json {
  return {
    post: {
      summary,
      description:
        `Sent to the client's webhookUrl (redirects not followed), retried with exponential backoff (10 s to 6 h, ` +
        `about 10 attempts) until a 2xx answer. Verify ${WEBHOOK_SIGNATURE_HEADER}: t=<unix>,v1=<hex HMAC-SHA256(webhookSecret, ` +
        `t + "." + raw body)>, refuse t more than ${WEBHOOK_TOLERANCE_SECONDS} s from your clock, and deduplicate on the body's id.`,
      parameters: [
        {
          name: WEBHOOK_SIGNATURE_HEADER,
          in: "header",
          required: true,
          schema: { type: "string", pattern: "^t=\\d+,v1=[0-9a-f]{64}$" },
        },
        { name: "x-portal-event-id", in: "header", required: true, schema: { type: "string", format: "uuid" } },
      ],
      requestBody: {
        required: true,
        content: { "application/json": { schema: { ...ref("WebhookEvent"), description: `type = ${type}` } } },
      },
      responses: { "2XX": { description: "Received (any other answer is retried)." } },
    },
  };
}

export function openApiDocument(): Json {
  const origin = portalUrl();
  const schemas: Json = {};
  for (const [name, schema] of Object.entries(OPENAPI_REQUEST_SCHEMAS)) schemas[name] = inputJsonSchema(schema);
  for (const [name, schema] of Object.entries(OUTPUT_SCHEMAS)) schemas[name] = outputJsonSchema(schema);
  const bearer = [{ oauth2: ["embed"] }];
  return {
    openapi: "3.1.0",
    info: {
      title: "Portal embedding API",
      version: "1",
      description:
        "Server-to-server API for hospital software (DPI) embedding the portal's document editor in an iframe: " +
        "sessions with one-time embed URLs, exports (DOCX, ODT, PDF, PDF/A, native JSON), signed webhooks.",
    },
    servers: [{ url: `${origin}/api/embed/v1` }],
    security: bearer,
    paths: {
      "/oauth/token": {
        post: {
          operationId: "issueToken",
          summary: "OAuth 2.0 client credentials (RFC 6749 §4.4): client_secret_basic or client_secret_post",
          security: [],
          requestBody: {
            required: true,
            content: { "application/x-www-form-urlencoded": { schema: ref("TokenRequest") } },
          },
          responses: {
            "200": { description: "Access token", content: { "application/json": { schema: ref("TokenResponse") } } },
            "400": {
              description: "invalid_request, unsupported_grant_type, invalid_scope",
              content: { "application/json": { schema: ref("OAuthError") } },
            },
            "401": {
              description: "invalid_client (WWW-Authenticate: Basic)",
              content: { "application/json": { schema: ref("OAuthError") } },
            },
            "429": {
              description: "Too many failed attempts (Retry-After)",
              content: { "application/json": { schema: ref("OAuthError") } },
            },
          },
        },
      },
      "/sessions": {
        post: {
          operationId: "createSession",
          summary: "Create an editing session and its one-time embed URL",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: ref("CreateSessionRequest") },
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["session", "file"],
                  properties: {
                    session: ref("CreateSessionRequest"),
                    file: {
                      type: "string",
                      contentMediaType: "application/octet-stream",
                      description: `DOCX or ODT, at most ${IMPORT_MAX_BYTES} bytes`,
                    },
                  },
                },
                encoding: { session: { contentType: "application/json" } },
              },
            },
          },
          responses: {
            "201": { description: "Created", content: { "application/json": { schema: ref("SessionCreated") } } },
            ...errors(400, 401, 404, 413, 415, 503),
          },
        },
        get: {
          operationId: "listSessions",
          summary: "The client's sessions, newest first",
          parameters: queryParameters(OPENAPI_QUERY_SCHEMAS.listSessions),
          responses: {
            "200": { description: "A page", content: { "application/json": { schema: ref("SessionList") } } },
            ...errors(400, 401, 503),
          },
        },
      },
      "/sessions/{sessionId}": {
        parameters: [idParameter("sessionId", "Session id")],
        get: {
          operationId: "getSession",
          summary: "One session",
          responses: {
            "200": { description: "The session", content: { "application/json": { schema: ref("Session") } } },
            ...errors(400, 401, 404, 503),
          },
        },
        delete: {
          operationId: "cancelSession",
          summary: "Cancel a session: its embed URL and cookie stop working, live connections close (idempotent)",
          responses: {
            "200": {
              description: "The session, now cancelled (or as it ended)",
              content: { "application/json": { schema: ref("Session") } },
            },
            ...errors(400, 401, 404, 503),
          },
        },
      },
      "/documents/{documentId}": {
        parameters: [idParameter("documentId", "A document created through this client's sessions")],
        get: {
          operationId: "exportDocument",
          summary: "The document's current content as a file (streamed)",
          parameters: queryParameters(OPENAPI_QUERY_SCHEMAS.exportDocument),
          responses: {
            "200": {
              description: "The file (Content-Disposition: attachment)",
              content: {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                  schema: {
                    type: "string",
                    contentMediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  },
                },
                "application/vnd.oasis.opendocument.text": {
                  schema: { type: "string", contentMediaType: "application/vnd.oasis.opendocument.text" },
                },
                "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } },
                "application/json": { schema: ref("NativeDocument") },
              },
            },
            ...errors(400, 401, 404, 503),
            "502": {
              description: "The converter (LibreOffice) failed",
              content: { "application/json": { schema: ref("Error") } },
            },
          },
        },
      },
      "/webhooks/deliveries": {
        get: {
          operationId: "listWebhookDeliveries",
          summary: "The webhook delivery log: every delivery and attempt",
          parameters: queryParameters(OPENAPI_QUERY_SCHEMAS.listWebhookDeliveries),
          responses: {
            "200": { description: "A page", content: { "application/json": { schema: ref("WebhookDeliveryList") } } },
            ...errors(400, 401, 503),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "openApi",
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1" } },
        },
      },
    },
    webhooks: {
      "document.saved": webhook("document.saved", "The user saved in the iframe (a named version was made)"),
      "session.closed": webhook("session.closed", "The session was closed from the iframe"),
    },
    components: {
      schemas,
      securitySchemes: {
        oauth2: {
          type: "oauth2",
          flows: {
            clientCredentials: {
              tokenUrl: `${origin}/api/embed/v1/oauth/token`,
              scopes: { embed: "Create and read embed sessions, export their documents, read webhook deliveries" },
            },
          },
        },
      },
    },
  };
}
