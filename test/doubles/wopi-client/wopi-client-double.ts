// A contract double of a WOPI client (an online office server such as Collabora Online, OnlyOffice
// in WOPI mode or Office Online), written from the WOPI documentation
// (https://learn.microsoft.com/microsoft-365/cloud-storage-partner-program/online/): it is what the
// portal's WOPI host talks to in tests, since no such server runs here.
//
// It does what a real client does towards a host:
//   - serves GET /hosting/discovery: an XML document with apps keyed by name + ext (Office Online,
//     OnlyOffice style) AND by MIME type with an empty ext (Collabora style), urlsrc with
//     <param=PLACEHOLDER&> segments, and a <proof-key> with REAL RSA keys (current and old: value as
//     a CryptoAPI blob, modulus/exponent in base64), which `rotateKeys()` rotates like a server does;
//   - signs every WOPI call exactly as specified: X-WOPI-Proof (current key), X-WOPI-ProofOld (old
//     key), X-WOPI-TimeStamp (.NET ticks), over BE32 lengths + token + upper-cased full URL + BE32(8)
//     + BE64 ticks; `call()` can also sign wrongly on purpose (wrong key, stale time, no headers);
//   - serves the editor page its urlsrc points at: the host page POSTs access_token and
//     access_token_ttl into an iframe there; like a real client it then calls CheckFileInfo with
//     that token (server to server) and shows the file's name — never the token.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { expectedProofBytes, ticksFromMs } from "@/integrations/wopi/proof-keys";
import { cspPublicKeyBlob } from "@/test/doubles/wopi-client/csp-public-key-blob";

type KeyPair = { publicKey: KeyObject; privateKey: KeyObject };

export type ProofSigning =
  | "valid"
  /** X-WOPI-Proof made with a key the discovery does not publish; ProofOld too. */
  | "wrong-key"
  /** Both signatures made with the old key (ProofOld/old is the one pair a host must refuse). */
  | "old-key-only-in-proofold"
  /** A timestamp older than 20 minutes. */
  | "stale"
  /** No proof headers at all. */
  | "unsigned";

export interface WopiCall {
  method?: "GET" | "POST";
  /** Path and query below the host origin WITHOUT access_token, e.g. `/wopi/files/123`. */
  path: string;
  token: string;
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
  signing?: ProofSigning;
  /** Send the token as `Authorization: Bearer` instead of the query string. */
  tokenInHeader?: boolean;
}

export interface WopiClientDouble {
  origin: string;
  discoveryUrl: string;
  /** How many times /hosting/discovery was fetched. */
  discoveryFetches: () => number;
  /** Current key becomes old, a new current key is made (as a server does on rotation). */
  rotateKeys: () => void;
  /** Form posts received by the editor page (the token's presence, never the token). */
  editorPosts: () => Array<{ wopiSrc: string; hasToken: boolean; ttl: string; fileName: string | null }>;
  /** A signed WOPI call to the host at `hostOrigin` (the URL the client was given in WOPISrc). */
  call: (hostOrigin: string, request: WopiCall) => Promise<Response>;
  /** The URL and headers of such a call, for callers with their own HTTP client (benchmarks). */
  signed: (hostOrigin: string, request: Omit<WopiCall, "body">) => { url: string; headers: Record<string, string> };
  stop: () => Promise<void>;
}

const newKeyPair = (): KeyPair => generateKeyPairSync("rsa", { modulusLength: 2048 });

function discoveryXml(origin: string, keys: { current: KeyPair; old: KeyPair } | null): string {
  const placeholders = "<ui=UI_LLCC&><rs=DC_LLCC&><dchat=DISABLE_CHAT&><hid=HOST_SESSION_ID&><e=EMBEDDED&>";
  const editor = `${origin}/editor/app.html?`;
  const officeAction = (name: string, ext: string, requires = "") =>
    `<action name="${name}" ext="${ext}"${requires ? ` requires="${requires}"` : ""} urlsrc="${editor.replace("?", `?action=${name}&amp;`)}${placeholders.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}"/>`;
  const mimeApp = (mime: string) =>
    `<app name="${mime}" favIconUrl="${origin}/favicon.ico"><action default="true" ext="" name="edit" urlsrc="${editor}"/><action ext="" name="view" urlsrc="${editor}"/></app>`;
  const proofKey = keys
    ? `<proof-key value="${cspPublicKeyBlob(keys.current.publicKey)}" modulus="${jwkPart(keys.current, "n")}" exponent="${jwkPart(keys.current, "e")}" oldvalue="${cspPublicKeyBlob(keys.old.publicKey)}" oldmodulus="${jwkPart(keys.old, "n")}" oldexponent="${jwkPart(keys.old, "e")}"/>`
    : "";
  return `<?xml version="1.0" encoding="utf-8"?>
<wopi-discovery>
  <net-zone name="external-http">
    <app name="Word" favIconUrl="${origin}/word.ico">
      ${officeAction("view", "docx")}
      ${officeAction("edit", "docx", "locks,update")}
      ${officeAction("editnew", "docx", "locks,update")}
      ${officeAction("view", "odt")}
      ${officeAction("edit", "odt", "locks,update")}
    </app>
    <app name="Excel" favIconUrl="${origin}/excel.ico">
      ${officeAction("view", "xlsx")}
      ${officeAction("edit", "xlsx", "locks,update")}
    </app>
    ${mimeApp("application/vnd.oasis.opendocument.presentation")}
    ${mimeApp("application/vnd.openxmlformats-officedocument.presentationml.presentation")}
    <app name="PDF"><action name="view" ext="pdf" urlsrc="${editor}"/></app>
  </net-zone>
  ${proofKey}
</wopi-discovery>`;
}

function jwkPart(pair: KeyPair, part: "n" | "e"): string {
  const jwk = pair.publicKey.export({ format: "jwk" });
  return Buffer.from(jwk[part] as string, "base64url").toString("base64");
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const parts: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) parts.push(chunk);
  return new URLSearchParams(Buffer.concat(parts).toString("utf8"));
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

export async function startWopiClientDouble(
  options: { proofKeys?: boolean; now?: () => number } = {},
): Promise<WopiClientDouble> {
  const withKeys = options.proofKeys ?? true;
  const now = options.now ?? Date.now;
  let keys = { current: newKeyPair(), old: newKeyPair() };
  const stranger = newKeyPair();
  let fetches = 0;
  const posts: Array<{ wopiSrc: string; hasToken: boolean; ttl: string; fileName: string | null }> = [];
  let origin = "";

  function signed(
    hostOrigin: string,
    request: Omit<WopiCall, "body">,
  ): { url: string; headers: Record<string, string> } {
    const separator = request.path.includes("?") ? "&" : "?";
    const url = request.tokenInHeader
      ? `${hostOrigin}${request.path}`
      : `${hostOrigin}${request.path}${separator}access_token=${encodeURIComponent(request.token)}`;
    const signing = request.signing ?? "valid";
    const at = signing === "stale" ? now() - 21 * 60 * 1000 : now();
    const ticks = ticksFromMs(at);
    const data = expectedProofBytes(request.token, url, ticks);
    const signWith = (pair: KeyPair) => sign("RSA-SHA256", data, pair.privateKey).toString("base64");
    const headers: Record<string, string> = { ...(request.headers ?? {}) };
    if (request.tokenInHeader) headers.authorization = `Bearer ${request.token}`;
    if (signing !== "unsigned") {
      headers["x-wopi-timestamp"] = ticks.toString();
      if (signing === "wrong-key") {
        headers["x-wopi-proof"] = signWith(stranger);
        headers["x-wopi-proofold"] = signWith(stranger);
      } else if (signing === "old-key-only-in-proofold") {
        headers["x-wopi-proof"] = signWith(stranger);
        headers["x-wopi-proofold"] = signWith(keys.old);
      } else {
        headers["x-wopi-proof"] = signWith(keys.current);
        headers["x-wopi-proofold"] = signWith(keys.old);
      }
    }
    return { url, headers };
  }

  async function call(hostOrigin: string, request: WopiCall): Promise<Response> {
    const { url, headers } = signed(hostOrigin, request);
    const body = request.body;
    return fetch(url, {
      method: request.method ?? "GET",
      headers,
      body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body,
      ...(body instanceof Readable ? { duplex: "half" } : {}),
    } as RequestInit);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://double.invalid");
    if (req.method === "GET" && url.pathname === "/hosting/discovery") {
      fetches += 1;
      const xml = discoveryXml(origin, withKeys ? keys : null);
      res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
      res.end(xml);
      return;
    }
    if (req.method === "POST" && url.pathname === "/editor/app.html") {
      void (async () => {
        const form = await readForm(req);
        const wopiSrc = url.searchParams.get("WOPISrc") ?? "";
        const token = form.get("access_token") ?? "";
        let fileName: string | null = null;
        if (wopiSrc && token) {
          const src = new URL(wopiSrc);
          const info = await call(src.origin, { path: src.pathname, token }).catch(() => null);
          if (info?.ok) fileName = String(((await info.json()) as { BaseFileName?: unknown }).BaseFileName ?? "");
        }
        posts.push({ wopiSrc, hasToken: token.length > 0, ttl: form.get("access_token_ttl") ?? "", fileName });
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          `<!doctype html><html lang="en"><title>WOPI client double</title><main data-wopi-double="loaded">` +
            `<h1>${fileName === null ? "CheckFileInfo failed" : escapeHtml(fileName)}</h1></main></html>`,
        );
      })();
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    discoveryUrl: `${origin}/hosting/discovery`,
    discoveryFetches: () => fetches,
    rotateKeys: () => {
      keys = { current: newKeyPair(), old: keys.current };
    },
    editorPosts: () => posts.slice(),
    call,
    signed,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
