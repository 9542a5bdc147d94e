// A contract double of the OnlyOffice Document Server (Docs API, JWT enabled), for tests and the
// e2e stack, written from the API documentation (api.onlyoffice.com/docs/docs-api: usage-api/
// config, callback-handler, additional-api/signature, command-service, conversion-api). It is not
// an editor: it does what the portal relies on, over real HTTP.
//
//   GET  /web-apps/apps/api/documents/api.js   DocsAPI.DocEditor (double-api-js.ts)
//   GET  /double/editor                         the iframe's page: shows the opened document
//   POST /double/open {config}                  verifies config.token (refused: 403), downloads
//                                               document.url, starts the session, sends status 1
//   POST /converter                             ConvertService, really converting with LibreOffice
//   POST /command                               CommandService: version, info, forcesave, drop
//   GET  /healthcheck                           "true"
//   GET  /double/results/{id}                   the files the callbacks and conversions point at
//
// Hooks a test drives (as if the people in the editor acted), each answering the portal's reply:
//   POST /double/sessions/{key}/edit {text?}    the document is changed (DOCX: a new document
//                                               with that text; other types: the same bytes)
//   POST /double/sessions/{key}/forcesave       status 6 with the current content (key kept)
//   POST /double/sessions/{key}/close           status 2 with the content when edited, else 4
//   POST /double/sessions/{key}/fail {status}   status 3 or 7
//   GET  /double/sessions                       the open sessions (key, title, size, mode)
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Document, Packer, Paragraph } from "docx";
import { apiJs, EDITOR_HTML } from "./double-api-js";
import { DoubleConverter, xmlAnswer, type StoredResult } from "./double-converter";
import { signPayload, verifiedRequest, verifyToken } from "./double-jwt";

export interface DoubleSession {
  key: string;
  title: string;
  fileType: string;
  mode: string;
  callbackUrl: string;
  userId: string;
  bytes: Buffer;
  edited: boolean;
}

export interface CallbackReply {
  status: number;
  body: unknown;
}

export interface OnlyOfficeDouble {
  url: string;
  sessions: Map<string, DoubleSession>;
  /** Callbacks the double sent, with the portal's reply, oldest first. */
  callbacks: Array<{ payload: Record<string, unknown>; reply: CallbackReply }>;
  close: () => Promise<void>;
}

export interface DoubleOptions {
  secret: string;
  port?: number;
  host?: string;
  libreOfficePath?: string;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  if (chunks.length === 0) return {};
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown, type = "application/json"): void {
  const text = type === "application/json" ? JSON.stringify(body) : String(body);
  res.writeHead(status, { "content-type": `${type}; charset=utf-8`, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function docxWithText(text: string): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

export async function startOnlyOfficeDouble(options: DoubleOptions): Promise<OnlyOfficeDouble> {
  const sessions = new Map<string, DoubleSession>();
  const results = new Map<string, StoredResult>();
  const callbacks: OnlyOfficeDouble["callbacks"] = [];
  let origin = "";
  const storeResult = (result: StoredResult): string => {
    const id = randomUUID();
    results.set(id, result);
    return id;
  };
  const converter = new DoubleConverter(
    storeResult,
    options.libreOfficePath ?? process.env.LIBREOFFICE_PATH ?? "soffice",
  );

  async function sendCallback(session: DoubleSession, fields: Record<string, unknown>): Promise<CallbackReply> {
    const payload = { key: session.key, users: [session.userId], filetype: session.fileType, ...fields };
    const [bodyToken, headerToken] = await Promise.all([
      signPayload(payload, options.secret),
      signPayload({ payload }, options.secret),
    ]);
    const response = await fetch(session.callbackUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${headerToken}` },
      body: JSON.stringify({ ...payload, token: bodyToken }),
      redirect: "manual",
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text
    }
    const reply = { status: response.status, body };
    callbacks.push({ payload, reply });
    return reply;
  }

  function resultUrl(session: DoubleSession): string {
    return `${origin}/double/results/${storeResult({ bytes: session.bytes, fileType: session.fileType })}`;
  }

  async function open(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const config = body.config as Record<string, unknown> | undefined;
    const token = typeof config?.token === "string" ? config.token : null;
    // As the real server with JWT enabled: the signed claims are the config; an unsigned or
    // forged config opens nothing ("The document security token is not correctly formed").
    const claims = token ? await verifyToken(token, options.secret) : null;
    if (!claims) return send(res, 403, { error: "invalid token" });
    const document = claims.document as Record<string, unknown> | undefined;
    const editorConfig = claims.editorConfig as Record<string, unknown> | undefined;
    const user = editorConfig?.user as Record<string, unknown> | undefined;
    if (
      typeof document?.url !== "string" ||
      typeof document.key !== "string" ||
      typeof editorConfig?.callbackUrl !== "string"
    ) {
      return send(res, 400, { error: "incomplete config" });
    }
    const existing = sessions.get(document.key);
    let bytes = existing?.bytes;
    if (!bytes) {
      const download = await fetch(document.url).catch(() => null);
      if (!download?.ok) return send(res, 502, { error: `download failed (${download?.status ?? "no answer"})` });
      bytes = Buffer.from(await download.arrayBuffer());
    }
    const session: DoubleSession = existing ?? {
      key: document.key,
      title: String(document.title ?? ""),
      fileType: String(document.fileType ?? ""),
      mode: String(editorConfig.mode ?? "edit"),
      callbackUrl: editorConfig.callbackUrl,
      userId: String(user?.id ?? ""),
      bytes,
      edited: false,
    };
    sessions.set(session.key, session);
    if (session.mode === "edit")
      await sendCallback(session, { status: 1, actions: [{ type: 1, userid: session.userId }] });
    send(res, 200, { title: session.title, size: session.bytes.length, key: session.key, mode: session.mode });
  }

  async function hook(req: IncomingMessage, res: ServerResponse, key: string, action: string): Promise<void> {
    const session = sessions.get(key);
    if (!session) return send(res, 404, { error: "no session with this key" });
    const body = await readJson(req);
    if (action === "edit") {
      if (session.fileType === "docx") session.bytes = await docxWithText(String(body.text ?? "Modifié"));
      session.edited = true;
      return send(res, 200, { size: session.bytes.length });
    }
    if (action === "forcesave") {
      return send(res, 200, await sendCallback(session, { status: 6, url: resultUrl(session), forcesavetype: 1 }));
    }
    if (action === "close") {
      const reply = session.edited
        ? await sendCallback(session, {
            status: 2,
            url: resultUrl(session),
            actions: [{ type: 0, userid: session.userId }],
          })
        : await sendCallback(session, { status: 4, actions: [{ type: 0, userid: session.userId }] });
      if (reply.status === 200 && (reply.body as { error?: unknown }).error === 0) sessions.delete(key);
      return send(res, 200, reply);
    }
    if (action === "fail") {
      const status = body.status === 7 ? 7 : 3;
      return send(res, 200, await sendCallback(session, { status, url: resultUrl(session) }));
    }
    send(res, 404, { error: "unknown hook" });
  }

  async function convert(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = (req.headers.accept ?? "").includes("application/json");
    const answer = (fields: Record<string, string | number | boolean>) =>
      json ? send(res, 200, fields) : send(res, 200, xmlAnswer(fields), "application/xml");
    const request = await verifiedRequest(await readJson(req), req.headers.authorization, options.secret);
    if (!request) return answer({ error: -8 });
    const { url, filetype, outputtype, key } = request;
    if (
      typeof url !== "string" ||
      typeof filetype !== "string" ||
      typeof outputtype !== "string" ||
      typeof key !== "string"
    ) {
      return answer({ error: -7 });
    }
    const job = converter.request(key, { url, filetype, outputtype });
    if (job.state === "failed") return answer({ error: job.error });
    if (job.state === "running") {
      if (request.async === true) return answer({ endConvert: false, percent: 0 });
      // Synchronous request: wait for the end, as the service does.
      for (let waited = 0; waited < 120_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const now = converter.request(key, { url, filetype, outputtype });
        if (now.state === "failed") return answer({ error: now.error });
        if (now.state === "done")
          return answer({
            endConvert: true,
            percent: 100,
            fileType: now.fileType,
            fileUrl: `${origin}/double/results/${now.resultId}`,
          });
      }
      return answer({ error: -2 });
    }
    answer({
      endConvert: true,
      percent: 100,
      fileType: job.fileType,
      fileUrl: `${origin}/double/results/${job.resultId}`,
    });
  }

  async function command(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await verifiedRequest(await readJson(req), req.headers.authorization, options.secret);
    if (!request) return send(res, 200, { error: 6 });
    const key = typeof request.key === "string" ? request.key : "";
    switch (request.c) {
      case "version":
        return send(res, 200, { error: 0, version: "8.2.0.0" });
      case "info":
        return send(res, 200, sessions.has(key) ? { error: 0, key } : { error: 1 });
      case "drop":
        return send(res, 200, sessions.has(key) ? { error: 0, key } : { error: 1 });
      case "forcesave": {
        const session = sessions.get(key);
        if (!session) return send(res, 200, { error: 1 });
        if (!session.edited) return send(res, 200, { error: 4, key });
        send(res, 200, { error: 0, key });
        void sendCallback(session, { status: 6, url: resultUrl(session), forcesavetype: 0 });
        return;
      }
      default:
        return send(res, 200, { error: 5 });
    }
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://double.invalid");
    const route = async (): Promise<void> => {
      if (req.method === "GET" && url.pathname === "/web-apps/apps/api/documents/api.js") {
        return send(res, 200, apiJs(origin), "application/javascript");
      }
      if (req.method === "GET" && url.pathname === "/double/editor") return send(res, 200, EDITOR_HTML, "text/html");
      if (req.method === "GET" && url.pathname === "/healthcheck") return send(res, 200, "true", "text/plain");
      if (req.method === "GET" && url.pathname === "/double/sessions") {
        return send(
          res,
          200,
          [...sessions.values()].map(({ key, title, mode, bytes }) => ({ key, title, mode, size: bytes.length })),
        );
      }
      const result = /^\/double\/results\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (req.method === "GET" && result?.[1]) {
        const stored = results.get(result[1]);
        if (!stored) return send(res, 404, { error: "no such result" });
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": stored.bytes.length });
        res.end(stored.bytes);
        return;
      }
      if (req.method !== "POST") return send(res, 404, { error: "not found" });
      if (url.pathname === "/double/open") return open(req, res);
      if (url.pathname === "/converter") return convert(req, res);
      if (url.pathname === "/command" || url.pathname === "/coauthoring/CommandService.ashx") return command(req, res);
      const hookMatch = /^\/double\/sessions\/([0-9a-zA-Z\-._=]{1,128})\/(edit|forcesave|close|fail)$/.exec(
        url.pathname,
      );
      if (hookMatch?.[1] && hookMatch[2]) return hook(req, res, hookMatch[1], hookMatch[2]);
      send(res, 404, { error: "not found" });
    };
    route().catch(() => {
      if (!res.headersSent) send(res, 500, { error: "double failed" });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://${options.host ?? "127.0.0.1"}:${port}`;
  return {
    url: origin,
    sessions,
    callbacks,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
