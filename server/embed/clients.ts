/**
 * The registered embedding clients (hospital software vendors, "DPI"), read from the JSON file
 * named by EMBED_CLIENTS_FILE:
 *
 *   [{ "id": "dpi-demo", "name": "DPI de démonstration",
 *      "secretHash": "scrypt$32768$8$1$…$…",            // npm run embed:client -- --id dpi-demo
 *      "allowedOrigins": ["https://dpi.example"],        // pages allowed to frame the editor
 *      "webhookUrl": "https://dpi.example/hooks/portal", // optional: no webhooks without it
 *      "webhookSecret": "…32+ characters…",              // or "webhookSecretFile": "/run/secrets/dpi-hook"
 *      "allowedTemplates": ["discharge-summary"],        // template ids the client may instantiate
 *      "locale": "fr" }]                                 // optional default locale of its sessions
 *
 * The client secret is stored only as a scrypt hash (client-secret-hash.ts). The webhook secret
 * must be readable in clear (HMAC is symmetric), so the file — or the file it names — is a secret:
 * mount it read-only, mode 0600. Validated with zod on first use and at start (server extension),
 * with errors naming the entry and the field; re-read when the file changes (its mtime), so adding
 * a vendor needs no restart, and every portal process reads the same file.
 */
import "server-only";
import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { isClientSecretHash } from "@/server/embed/client-secret-hash";
import { findTemplate } from "@/server/documents/templates/document-templates";

const ZOrigin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
  } catch {
    return false;
  }
}, "expected an origin like https://dpi.example (scheme, host and port only, no path or trailing slash)");

export const ZEmbedClientEntry = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "expected 2–64 lower-case letters, digits, dots, dashes or underscores"),
    name: z.string().min(1).max(120),
    secretHash: z
      .string()
      .refine(isClientSecretHash, "expected a scrypt hash written by `npm run embed:client` (never the secret)"),
    allowedOrigins: z.array(ZOrigin).min(1).max(20),
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    webhookSecret: z.string().min(32, "must be at least 32 characters").optional(),
    webhookSecretFile: z.string().min(1).optional(),
    allowedTemplates: z
      .array(z.string().refine((id) => findTemplate(id) !== undefined, "unknown template id"))
      .max(100)
      .default([]),
    locale: z.enum(["fr", "en"]).optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.webhookSecret !== undefined && entry.webhookSecretFile !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["webhookSecret"],
        message: "give webhookSecret or webhookSecretFile, not both",
      });
    }
    if (entry.webhookUrl !== undefined && entry.webhookSecret === undefined && entry.webhookSecretFile === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["webhookSecret"],
        message: "required when webhookUrl is set (or webhookSecretFile)",
      });
    }
  });

export interface EmbedClient {
  id: string;
  name: string;
  secretHash: string;
  allowedOrigins: readonly string[];
  webhook: { url: string; secret: string } | null;
  allowedTemplates: readonly string[];
  locale: "fr" | "en";
}

export class EmbedClientsFileError extends Error {
  override name = "EmbedClientsFileError";
}

/** Parses the clients file's text; throws an EmbedClientsFileError naming each bad entry and field. */
export function parseEmbedClients(text: string, readSecretFile: (path: string) => string = readSecret): EmbedClient[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new EmbedClientsFileError("EMBED_CLIENTS_FILE: not valid JSON");
  }
  if (!Array.isArray(raw)) throw new EmbedClientsFileError("EMBED_CLIENTS_FILE: expected a JSON array of clients");
  const problems: string[] = [];
  const clients: EmbedClient[] = [];
  const seenIds = new Set<string>();
  raw.forEach((item: unknown, index) => {
    const label = `EMBED_CLIENTS_FILE: clients[${index}]${
      typeof item === "object" && item && typeof (item as { id?: unknown }).id === "string"
        ? ` (id "${String((item as { id: string }).id).slice(0, 64)}")`
        : ""
    }`;
    const id = typeof item === "object" && item ? (item as { id?: unknown }).id : undefined;
    if (typeof id === "string") {
      if (seenIds.has(id)) problems.push(`${label}.id: duplicate client id`);
      seenIds.add(id);
    }
    const parsed = ZEmbedClientEntry.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${label}.${issue.path.join(".") || "(entry)"}: ${issue.message}`);
      return;
    }
    const entry = parsed.data;
    let secret = entry.webhookSecret;
    if (entry.webhookSecretFile !== undefined) {
      try {
        secret = readSecretFile(entry.webhookSecretFile);
      } catch {
        problems.push(`${label}.webhookSecretFile: cannot read ${entry.webhookSecretFile}`);
        return;
      }
      if (secret.length < 32) {
        problems.push(`${label}.webhookSecretFile: the secret must be at least 32 characters`);
        return;
      }
    }
    clients.push({
      id: entry.id,
      name: entry.name,
      secretHash: entry.secretHash,
      allowedOrigins: entry.allowedOrigins,
      webhook: entry.webhookUrl && secret ? { url: entry.webhookUrl, secret } : null,
      allowedTemplates: entry.allowedTemplates,
      locale: entry.locale ?? "fr",
    });
  });
  if (problems.length > 0) throw new EmbedClientsFileError(problems.join("\n"));
  return clients;
}

function readSecret(path: string): string {
  return readFileSync(path, "utf8").trim();
}

let cache: { path: string; mtimeMs: number; size: number; clients: EmbedClient[] } | undefined;

/** The registered clients (an empty list when EMBED_CLIENTS_FILE is not set). */
export function embedClients(): readonly EmbedClient[] {
  const path = env().EMBED_CLIENTS_FILE;
  if (path === undefined) return [];
  const stats = statSync(path);
  if (cache && cache.path === path && cache.mtimeMs === stats.mtimeMs && cache.size === stats.size)
    return cache.clients;
  const clients = parseEmbedClients(readFileSync(path, "utf8"));
  cache = { path, mtimeMs: stats.mtimeMs, size: stats.size, clients };
  return clients;
}

export function isEmbeddingConfigured(): boolean {
  return env().EMBED_CLIENTS_FILE !== undefined;
}

export function findEmbedClient(clientId: string): EmbedClient | undefined {
  return embedClients().find((client) => client.id === clientId);
}

/** The client, or a 404 (a client removed from the file since its token was issued). */
export function requireEmbedClient(clientId: string): EmbedClient {
  const client = findEmbedClient(clientId);
  if (!client) throw new AppError("NOT_FOUND", { userMessage: "unknown embed client" });
  return client;
}

/** The exact origins allowed to frame the client's sessions (frame-ancestors, postMessage targets). */
export function clientAllowedOrigins(clientId: string): readonly string[] {
  return findEmbedClient(clientId)?.allowedOrigins ?? [];
}
