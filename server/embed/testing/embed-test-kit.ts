// Test helpers for the embedding module: a clients file with real scrypt hashes, a real local HTTP
// webhook receiver that verifies signatures the way a vendor must (HMAC over the raw body,
// timestamp tolerance, dedupe on id), and the OAuth token dance. Used by the embed tests and the
// embed-sessions benchmark; never by the portal itself.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { hashClientSecret } from "@/server/embed/client-secret-hash";
import {
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  type SignatureCheck,
} from "@/server/embed/webhooks/webhook-signature";

export interface TestClient {
  id: string;
  secret: string;
  webhookSecret: string;
}

/** A path for a clients file in a fresh private folder (set EMBED_CLIENTS_FILE to it before the config is read). */
export function clientsFilePath(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "embed-clients-")), "clients.json");
}

export async function writeClientsFile(
  clients: Array<TestClient & { webhookUrl?: string; allowedTemplates?: string[]; allowedOrigins?: string[] }>,
  file: string = clientsFilePath(),
): Promise<string> {
  const entries = await Promise.all(
    clients.map(async (client) => ({
      id: client.id,
      name: `Vendor ${client.id}`,
      secretHash: await hashClientSecret(client.secret),
      allowedOrigins: client.allowedOrigins ?? ["https://dpi.example"],
      ...(client.webhookUrl ? { webhookUrl: client.webhookUrl, webhookSecret: client.webhookSecret } : {}),
      allowedTemplates: client.allowedTemplates ?? ["discharge-summary"],
    })),
  );
  writeFileSync(file, JSON.stringify(entries, null, 2), { mode: 0o600 });
  return file;
}

export interface ReceivedWebhook {
  body: string;
  check: SignatureCheck;
  duplicate: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Accepted events (verified, not duplicates), parsed. */
  accepted: () => Array<Record<string, unknown>>;
  /** What the next requests answer (default 204); a status of 302 redirects to `redirectTo`. */
  respondWith: (status: number, redirectTo?: string) => void;
  /** Delays every answer (for timeouts). */
  delayMs: (ms: number) => void;
  close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** A vendor's webhook endpoint on loopback: verifies, dedupes, answers 401 to a bad signature. */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const seen = new Set<string>();
  let status = 204;
  let location: string | undefined;
  let delay = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const header = req.headers[WEBHOOK_SIGNATURE_HEADER];
      const check = verifyWebhookSignature({ secret, body, header: Array.isArray(header) ? header[0] : header });
      let duplicate = false;
      if (check.ok) {
        const id = (JSON.parse(body) as { id: string }).id;
        duplicate = seen.has(id);
        seen.add(id);
      }
      received.push({ body, check, duplicate });
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (!check.ok) {
        res.statusCode = 401;
        res.end();
        return;
      }
      res.statusCode = status;
      if (location) res.setHeader("location", location);
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/portal`,
    received,
    accepted: () =>
      received
        .filter((item) => item.check.ok && !item.duplicate)
        .map((item) => JSON.parse(item.body) as Record<string, unknown>),
    respondWith: (next, redirectTo) => {
      status = next;
      location = redirectTo;
    },
    delayMs: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An access token for a client, through the real token endpoint (client_secret_basic). */
export async function fetchAccessToken(origin: string, client: { id: string; secret: string }): Promise<string> {
  const response = await fetch(`${origin}/api/embed/v1/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
