/**
 * Starts the development OpenID provider: one HTTP server hosting two issuers under path prefixes,
 * `/idcaih` (a Keycloak-like realm) and `/psc` (Pro Santé Connect-like). Tests and the demo
 * launcher call `startDevOidc` in-process; `main.ts` wraps it for the command line.
 *
 * Mounting: each oidc-provider instance sees the path without its prefix, and `req.originalUrl`
 * keeps the full one, which is how oidc-provider (like Express) learns its mount point and builds
 * absolute URLs. Pro Santé Connect's non-standard discovery path
 * (`/.well-known/wallet-openid-configuration`) answers the same metadata as the standard one.
 */
import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type Provider from "oidc-provider";
import { createDevProvider } from "@/server/dev-oidc/create-dev-provider";
import type { IssuerKind } from "@/server/dev-oidc/demo-accounts";
import { createInteractionHandler } from "@/server/dev-oidc/interactions";
import { loadOrCreateSigningKeys } from "@/server/dev-oidc/keys";
import { assertDevOidcAllowed } from "@/server/dev-oidc/production-guard";
import { logger } from "@/server/log";

export const DEFAULT_KEYS_DIR = path.join(".data", "dev-oidc");

export interface StartDevOidcOptions {
  /** 0 picks a free port. */
  port: number;
  /** Address to listen on, also the host of the issuer URLs. Default 127.0.0.1. */
  host?: string;
  /** The portal's origin, e.g. http://localhost:3000: redirect and logout URIs derive from it. */
  portalUrl: string;
  /** Secret of the confidential client `portal` on both issuers. */
  clientSecret: string;
  /** Where signing keys persist. Default .data/dev-oidc. */
  keysDir?: string;
  /** Environment checked by the production guard (tests pass their own). */
  environment?: Readonly<Record<string, string | undefined>>;
}

export interface RunningDevOidc {
  issuers: Record<IssuerKind, string>;
  /** Pro Santé Connect's discovery document URL (non-standard path). */
  pscDiscoveryUrl: string;
  clientId: string;
  close(): Promise<void>;
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
type RequestWithOriginalUrl = IncomingMessage & { originalUrl?: string };

interface Mount {
  kind: IssuerKind;
  prefix: string;
  callback: NodeHandler;
  interactions: ReturnType<typeof createInteractionHandler>;
}

const PSC_DISCOVERY_PATH = "/.well-known/wallet-openid-configuration";
const log = logger.child({ component: "dev-oidc" });

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

export async function startDevOidc(options: StartDevOidcOptions): Promise<RunningDevOidc> {
  assertDevOidcAllowed(options.environment ?? process.env);
  const host = options.host ?? "127.0.0.1";
  const keysDir = options.keysDir ?? DEFAULT_KEYS_DIR;
  const portalUrl = options.portalUrl.replace(/\/+$/, "");
  const portalOrigin = new URL(portalUrl).origin;
  if (!options.clientSecret) throw new Error("startDevOidc: clientSecret is required");

  const mounts: Mount[] = [];
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log.error({ err: error }, "dev-oidc request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("server_error");
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://dev-oidc.invalid");
    const mount = mounts.find((m) => url.pathname === m.prefix || url.pathname.startsWith(`${m.prefix}/`));
    if (!mount) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "not_found", issuers: mounts.map((m) => m.prefix) }));
      return;
    }
    if (await mount.interactions(req, res, url)) return;
    let subPath = url.pathname.slice(mount.prefix.length) || "/";
    if (mount.kind === "psc" && subPath === PSC_DISCOVERY_PATH) subPath = "/.well-known/openid-configuration";
    const request = req as RequestWithOriginalUrl;
    request.originalUrl = `${mount.prefix}${subPath}${url.search}`;
    request.url = `${subPath}${url.search}`;
    await mount.callback(request, res);
  }

  // Listen first: the issuer URLs need the actual port when port 0 was asked.
  const port = await listen(server, options.port, host);
  const origin = `http://${urlHost(host)}:${port}`;
  const issuers: Record<IssuerKind, string> = { idcaih: `${origin}/idcaih`, psc: `${origin}/psc` };
  try {
    for (const kind of ["idcaih", "psc"] as const) {
      const signingKeys = await loadOrCreateSigningKeys(keysDir, kind);
      const provider: Provider = createDevProvider({
        kind,
        issuer: issuers[kind],
        portalUrl,
        clientSecret: options.clientSecret,
        signingKeys,
      });
      const prefix = `/${kind}`;
      mounts.push({
        kind,
        prefix,
        callback: provider.callback(),
        interactions: createInteractionHandler({ provider, kind, prefix, portalOrigin }),
      });
    }
  } catch (error) {
    server.close();
    throw error;
  }

  return {
    issuers,
    pscDiscoveryUrl: `${issuers.psc}${PSC_DISCOVERY_PATH}`,
    clientId: "portal",
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers keep idle keep-alive sockets open; without this close() waits for them.
        server.closeIdleConnections();
      }),
  };
}
