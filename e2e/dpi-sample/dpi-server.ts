/**
 * The sample vendor ("DPI", patient-record software) for the end-to-end tests and the benchmark:
 * a small Node HTTP server on ANOTHER SITE than the portal (127.0.0.1 vs localhost), using only
 * the portal's public embedding API and postMessage.
 *
 *   DPI origin (DPI_PORT)
 *     GET  /                               the DPI page (dpi-pages.ts + dpi-page.js)
 *     POST /api/discharge-summaries        { mode?: "edit"|"view" } → a session for a discharge
 *                                          summary of the demo patient (view: the last document)
 *     GET  /api/documents/{id}/{format}    the document through the export API (streamed)
 *     GET  /api/sessions/{id}              the session as the API reports it
 *     POST /hooks/portal                   the webhook endpoint (webhook-receiver.ts: HMAC, 5 min, dedupe)
 *     GET  /test/webhooks                  what the endpoint accepted and refused
 *     POST /test/webhooks/replay           re-sends the last accepted delivery as received (must be refused: duplicate)
 *     POST /test/webhooks/tamper           re-sends it with a changed body (must be refused: mismatch)
 *     GET  /forge                          a frame posting forged commands (same site as the DPI)
 *   Unregistered origin (UNREGISTERED_PORT), a site no client registered
 *     GET  /frame?src=<portal URL>         frames a portal URL (the browser must refuse to render it)
 *     GET  /forge                          a frame posting forged commands from a foreign origin
 *
 * Configuration (environment): DPI_PORT, UNREGISTERED_PORT, PORTAL_URL, DPI_CLIENT_ID,
 * DPI_CLIENT_SECRET, DPI_WEBHOOK_SECRET. Listens on 127.0.0.1 only.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { fileURLToPath } from "node:url";
import { dpiPage, forgingPage, framingPage } from "./dpi-pages";
import { PortalApiClient, PortalApiError, type CreatedSession } from "./portal-api-client";
import { WebhookReceiver } from "./webhook-receiver";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const DPI_PORT = Number(required("DPI_PORT"));
const UNREGISTERED_PORT = Number(required("UNREGISTERED_PORT"));
const PORTAL_URL = required("PORTAL_URL").replace(/\/$/, "");
const PORTAL_ORIGIN = new URL(PORTAL_URL).origin;
const DPI_ORIGIN = `http://127.0.0.1:${DPI_PORT}`;
const here = path.dirname(fileURLToPath(import.meta.url));
const pageScript = readFileSync(path.join(here, "dpi-page.js"), "utf8");

const api = new PortalApiClient({
  portalUrl: PORTAL_URL,
  clientId: required("DPI_CLIENT_ID"),
  clientSecret: required("DPI_CLIENT_SECRET"),
});
const webhooks = new WebhookReceiver(required("DPI_WEBHOOK_SECRET"));
let lastSession: CreatedSession | null = null;
let stayCounter = 0;

/** The demo patient's stay, as the DPI fills the discharge summary's fields (plain text, even the markup). */
function dischargeFields(): Record<string, string> {
  return {
    patient: "DUPONT Jeanne",
    birthDate: "1950-03-02",
    admissionDate: "2026-11-20",
    dischargeDate: "2026-11-30",
    service: "Médecine interne",
    physician: "Dr Alice Martin",
    reason: "Chute <b>à domicile</b> <script>alert(1)</script>",
    summary: "Bilan réalisé.",
    dischargeTreatment: "Paracétamol 1 g si douleur",
    followUp: "Consultation dans un mois",
  };
}

async function readBody(req: IncomingMessage, limit = 256 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}

async function createDischargeSession(mode: "edit" | "view"): Promise<CreatedSession> {
  stayCounter += 1;
  const document =
    mode === "view" && lastSession
      ? { documentId: lastSession.documentId }
      : { template: { id: "discharge-summary", fields: dischargeFields() } };
  const created = await api.createSession({
    user: { rpps: "10101010101", name: "Alice Martin", profession: "médecin" },
    document,
    mode,
    reference: `SEJ-2026-${String(stayCounter).padStart(4, "0")}`,
    locale: "fr",
  });
  if (mode === "edit") lastSession = created;
  return created;
}

async function postToSelf(body: string, signature: string): Promise<number> {
  const response = await fetch(`${DPI_ORIGIN}/hooks/portal`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-portal-signature": signature },
    body,
  });
  return response.status;
}

async function handleDpi(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", DPI_ORIGIN);
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  if (route === "GET /health") return json(res, 200, { status: "ok" });
  if (route === "GET /") return send(res, 200, "text/html; charset=utf-8", dpiPage(PORTAL_ORIGIN));
  if (route === "GET /dpi-page.js") return send(res, 200, "text/javascript; charset=utf-8", pageScript);
  if (route === "GET /forge") return send(res, 200, "text/html; charset=utf-8", forgingPage());
  if (route === "POST /api/discharge-summaries") {
    const body = JSON.parse((await readBody(req)) || "{}") as { mode?: unknown };
    const mode = body.mode === "view" ? "view" : "edit";
    return json(res, 201, await createDischargeSession(mode));
  }
  const documentMatch = /^\/api\/documents\/([0-9a-f-]{36})\/(docx|odt|pdf|pdfa|native)$/.exec(url.pathname);
  if (req.method === "GET" && documentMatch) {
    const upstream = await api.call(`/api/embed/v1/documents/${documentMatch[1]}?format=${documentMatch[2]}`);
    res.writeHead(upstream.status, {
      "content-type": upstream.headers.get("content-type") ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    if (!upstream.body) return void res.end();
    await pipeline(Readable.fromWeb(upstream.body as WebReadableStream), res);
    return;
  }
  const sessionMatch = /^\/api\/sessions\/([0-9a-f-]{36})$/.exec(url.pathname);
  if (req.method === "GET" && sessionMatch) {
    const upstream = await api.call(`/api/embed/v1/sessions/${sessionMatch[1]}`);
    return send(res, upstream.status, "application/json; charset=utf-8", await upstream.text());
  }
  if (route === "POST /hooks/portal") {
    const raw = await readBody(req);
    const header = req.headers["x-portal-signature"];
    const verdict = webhooks.receive(raw, typeof header === "string" ? header : undefined);
    // 2xx for a duplicate too: the portal must stop retrying an event already processed.
    if (verdict.accepted || verdict.reason === "duplicate") return json(res, 200, { received: true });
    return json(res, 401, { error: verdict.reason });
  }
  if (route === "GET /test/webhooks") return json(res, 200, { accepted: webhooks.accepted, refused: webhooks.refused });
  if (route === "POST /test/webhooks/replay" || route === "POST /test/webhooks/tamper") {
    const last = webhooks.last;
    if (!last) return json(res, 409, { error: "no webhook received yet" });
    const body = route.endsWith("tamper") ? last.body.replace(/"reference":"/, '"reference":"X') : last.body;
    return json(res, 200, { status: await postToSelf(body, last.signature) });
  }
  json(res, 404, { error: "not found" });
}

async function handleUnregistered(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${UNREGISTERED_PORT}`);
  if (url.pathname === "/health") return json(res, 200, { status: "ok" });
  if (url.pathname === "/forge") return send(res, 200, "text/html; charset=utf-8", forgingPage());
  if (url.pathname === "/frame") {
    const src = url.searchParams.get("src") ?? "";
    // Only portal URLs: this test page must not become a way to frame anything.
    if (!src.startsWith(`${PORTAL_ORIGIN}/`)) return json(res, 400, { error: "src must be a portal URL" });
    return send(res, 200, "text/html; charset=utf-8", framingPage(src));
  }
  json(res, 404, { error: "not found" });
}

function serve(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      const status = error instanceof PortalApiError ? 502 : 500;
      const detail =
        error instanceof PortalApiError ? { upstreamStatus: error.status, upstream: error.body.slice(0, 500) } : {};
      console.error("[dpi-sample]", error instanceof Error ? error.message : error);
      if (!res.headersSent) json(res, status, { error: "failed", ...detail });
      else res.destroy();
    });
  });
}

const dpi = serve(handleDpi).listen(DPI_PORT, "127.0.0.1");
const unregistered = serve(handleUnregistered).listen(UNREGISTERED_PORT, "127.0.0.1");
console.log(`[dpi-sample] DPI on ${DPI_ORIGIN}, unregistered site on http://127.0.0.1:${UNREGISTERED_PORT}`);

function stop(): void {
  dpi.close();
  unregistered.close();
  dpi.closeAllConnections();
  unregistered.closeAllConnections();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
