/**
 * A CONTRACT DOUBLE of Nextcloud for the adapter's integration tests: a small Node HTTP server on
 * a loopback ephemeral port, in front of a REAL Apache mod_dav server
 * (test/services/apache-webdav.ts). Real Nextcloud cannot run here (PHP application, database,
 * its own install); what it adds to WebDAV is emulated from its documentation:
 *
 * | part                                                   | served by                      | file                          |
 * |--------------------------------------------------------|--------------------------------|-------------------------------|
 * | WebDAV on /remote.php/dav/files/{uid}/ (PROPFIND, GET   | real Apache mod_dav_fs         | files-endpoint.ts             |
 * |   + Range, PUT, MKCOL, MOVE, COPY, PROPPATCH, locks,    |   (+ Nextcloud's computed      |                               |
 * |   If-Match/If-None-Match)                               |   props, strong ETags: double) |                               |
 * | REPORT oc:filter-files, SEARCH DAV:basicsearch          | double (walks Apache)          | files-endpoint.ts             |
 * | trash bin /remote.php/dav/trashbin/{uid}/…              | double, data in Apache         | trashbin-endpoint.ts          |
 * | versions /remote.php/dav/versions/{uid}/…               | double, data in Apache         | versions-endpoint.ts          |
 * | chunked upload v2 /remote.php/dav/uploads/{uid}/…       | double, chunks in Apache       | chunked-upload-endpoint.ts    |
 * | OCS user, shares, app password revocation               | double                         | ocs-endpoints.ts              |
 * | public link WebDAV /public.php/dav/files/{token}/…      | double, data via Apache        | public-dav-endpoint.ts        |
 * | Login Flow v2 /index.php/login/v2…                      | double                         | this file                     |
 * | previews /index.php/core/preview?fileId=                | double: the image itself for   | this file                     |
 * |                                                         |   PNG/JPEG/GIF/BMP/WebP (not   |                               |
 * |                                                         |   scaled), 404 otherwise       |                               |
 *
 * Documentation followed: docs.nextcloud.com/server/latest/developer_manual/client_apis/
 * WebDAV/{basic,chunking,trashbin,versions,search}.html, OCS/ocs-api-overview.html,
 * OCS/ocs-share-api.html, LoginFlow/index.html (Login Flow v2).
 *
 * Authentication, as Nextcloud: HTTP Basic with an app password (issued by Login Flow v2 or
 * `addAppPassword`), or `Authorization: Bearer` with a token registered by the test
 * (`addBearerToken`), standing for user_oidc's validation of an OIDC access token. A user may only
 * reach their own /remote.php/dav/*\/{uid}/ trees. The double calls Apache as that user.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApacheBackend, PREVIEW_EXTENSIONS } from "@/test/doubles/nextcloud/apache-backend";
import { handleUploads } from "@/test/doubles/nextcloud/chunked-upload-endpoint";
import { handleFiles, handleSearch, sendStatus } from "@/test/doubles/nextcloud/files-endpoint";
import { dropSharesOfTrashed, handleOcs, sendOcs, type OcsState } from "@/test/doubles/nextcloud/ocs-endpoints";
import { handlePublicDav } from "@/test/doubles/nextcloud/public-dav-endpoint";
import { handleTrashbin } from "@/test/doubles/nextcloud/trashbin-endpoint";
import { handleVersions } from "@/test/doubles/nextcloud/versions-endpoint";
import type { RunningApacheWebdav } from "@/test/services/apache-webdav";

export interface NextcloudDouble {
  /** http://127.0.0.1:PORT — NEXTCLOUD_URL for the adapter. */
  url: string;
  /** Registers an app password for a user (what Login Flow v2 or the security settings would give). */
  addAppPassword(user: string, appPassword?: string): string;
  /** Registers an OIDC access token user_oidc would accept for a user. */
  addBearerToken(token: string, user: string): void;
  /** Stops accepting a token (expired or revoked at the provider, as user_oidc would find). */
  revokeBearerToken(token: string): void;
  /** The person grants access on the login page of a pending Login Flow v2 (by its login URL). */
  grantLoginFlow(loginUrl: string, user: string): void;
  /** Every request the double received (method and path only), for assertions. */
  requests: Array<{ method: string; path: string; headers: IncomingMessage["headers"] }>;
  ocs: OcsState;
  backend: ApacheBackend;
  stop(): Promise<void>;
}

interface LoginFlow {
  pollToken: string;
  loginToken: string;
  grantedTo: string | null;
  expires: number;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

export async function startNextcloudDouble(apache: RunningApacheWebdav): Promise<NextcloudDouble> {
  const passwords = new Map(apache.users.map((user) => [user.name, user.password]));
  const backend = new ApacheBackend(apache, passwords);
  const bearerTokens = new Map<string, string>();
  const ocs: OcsState = { shares: new Map(), nextShareId: 1, appPasswords: new Map() };
  const loginFlows = new Map<string, LoginFlow>();
  const requests: NextcloudDouble["requests"] = [];
  let origin = "";

  backend.onTrashed = (user) => dropSharesOfTrashed(backend, ocs, user);

  /**
   * `GET /index.php/core/preview?fileId=&x=&y=&a=1`: 404 unless nc:has-preview; otherwise the image
   * itself (the double does not scale: Nextcloud would answer a PNG/JPEG of at most x × y).
   */
  const servePreview = async (user: string, url: URL, res: ServerResponse): Promise<void> => {
    const fileId = url.searchParams.get("fileId") ?? "";
    const found = /^\d+$/.test(fileId) ? await backend.findByFileId(user, fileId) : null;
    if (!found || found.isCollection || !PREVIEW_EXTENSIONS.test(decodeURIComponent(found.href))) {
      return sendStatus(res, 404);
    }
    const answer = await backend.request(user, "GET", found.href);
    if (answer.status !== 200) {
      answer.body.resume();
      return sendStatus(res, 404);
    }
    const headers: Record<string, string> = { "content-type": String(answer.headers["content-type"] ?? "image/png") };
    if (typeof answer.headers["content-length"] === "string")
      headers["content-length"] = answer.headers["content-length"];
    res.writeHead(200, headers);
    answer.body.pipe(res);
  };

  // Nextcloud's computed properties on each user's root folder.
  for (const user of apache.users) await backend.setNextcloudProps(user.name, apache.urlPath(user.name, "files"), true);

  const authenticate = (req: IncomingMessage): { user: string; appPassword?: string } | null => {
    const header = req.headers.authorization ?? "";
    if (header.startsWith("Bearer ")) {
      const user = bearerTokens.get(header.slice(7));
      return user ? { user } : null;
    }
    if (header.startsWith("Basic ")) {
      const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const login = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      return ocs.appPasswords.get(password) === login ? { user: login, appPassword: password } : null;
    }
    return null;
  };

  const handleLoginFlow = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const parts: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) parts.push(chunk);
    if (url.pathname === "/index.php/login/v2" && req.method === "POST") {
      const flow: LoginFlow = {
        pollToken: randomBytes(32).toString("hex"),
        loginToken: randomBytes(32).toString("hex"),
        grantedTo: null,
        expires: Date.now() + 20 * 60 * 1000,
      };
      loginFlows.set(flow.pollToken, flow);
      return sendJson(res, 200, {
        poll: { token: flow.pollToken, endpoint: `${origin}/index.php/login/v2/poll` },
        login: `${origin}/index.php/login/v2/flow/${flow.loginToken}`,
      });
    }
    if (url.pathname === "/index.php/login/v2/poll" && req.method === "POST") {
      const token = new URLSearchParams(Buffer.concat(parts).toString("utf8")).get("token") ?? "";
      const flow = loginFlows.get(token);
      if (!flow || flow.expires < Date.now() || flow.grantedTo === null) return sendJson(res, 404, []);
      // Answered once, then forgotten (Nextcloud deletes the flow after a successful poll).
      loginFlows.delete(token);
      const appPassword = randomBytes(36).toString("base64url");
      ocs.appPasswords.set(appPassword, flow.grantedTo);
      return sendJson(res, 200, { server: origin, loginName: flow.grantedTo, appPassword });
    }
    return sendStatus(res, 404);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://double.invalid");
    const pathname = url.pathname;
    requests.push({ method: req.method ?? "GET", path: pathname, headers: req.headers });
    if (pathname.startsWith("/index.php/login/v2")) return handleLoginFlow(req, res, url);
    if (pathname.startsWith("/public.php/dav/files/")) {
      return handlePublicDav(backend, ocs, req, res, pathname.slice("/public.php/dav/files/".length));
    }
    const caller = authenticate(req);
    if (!caller) {
      req.resume();
      if (pathname.startsWith("/ocs/")) return sendOcs(res, 401, [], "Current user is not logged in");
      return sendStatus(res, 401, { "www-authenticate": 'Basic realm="Nextcloud", charset="UTF-8"' });
    }
    if (pathname.startsWith("/ocs/v2.php/") || pathname.startsWith("/ocs/v1.php/")) {
      if (req.headers["ocs-apirequest"] !== "true") {
        req.resume();
        return sendOcs(res, 401, [], "CSRF check failed");
      }
      return handleOcs(backend, ocs, origin, caller.user, caller, req, res, url);
    }
    if (pathname === "/index.php/core/preview") {
      req.resume();
      return servePreview(caller.user, url, res);
    }
    if ((pathname === "/remote.php/dav/" || pathname === "/remote.php/dav") && req.method === "SEARCH") {
      return handleSearch(backend, caller.user, req, res);
    }
    const dav = /^\/remote\.php\/dav\/(files|uploads|trashbin|versions)\/([^/]+)(\/.*)?$/.exec(pathname);
    if (!dav) {
      req.resume();
      return sendStatus(res, 404);
    }
    const [, tree, uidSegment, tail = ""] = dav as unknown as [string, string, string, string | undefined];
    if (decodeURIComponent(uidSegment) !== caller.user) {
      req.resume();
      return sendStatus(res, 403);
    }
    const rest = tail.replace(/^\/+/, "");
    switch (tree) {
      case "files":
        return handleFiles(backend, caller.user, req, res, tail === "" ? `${pathname}/` : pathname);
      case "uploads":
        return handleUploads(backend, caller.user, req, res, rest);
      case "trashbin":
        return handleTrashbin(backend, caller.user, req, res, rest);
      default:
        return handleVersions(backend, caller.user, req, res, rest);
    }
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // A double's own failure: visible in the test output, a plain 500 to the client. A client
      // that hung up mid-request (the cut-upload tests do it on purpose) is not a failure.
      if (req.destroyed && !req.complete) {
        res.destroy();
        return;
      }
      console.error("[nextcloud double]", error);
      if (!res.headersSent) sendStatus(res, 500);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    requests,
    ocs,
    backend,
    addAppPassword(user, appPassword = randomBytes(36).toString("base64url")) {
      ocs.appPasswords.set(appPassword, user);
      return appPassword;
    },
    addBearerToken(token, user) {
      bearerTokens.set(token, user);
    },
    revokeBearerToken(token) {
      bearerTokens.delete(token);
    },
    grantLoginFlow(loginUrl, user) {
      const loginToken = loginUrl.split("/").pop();
      for (const flow of loginFlows.values()) if (flow.loginToken === loginToken) flow.grantedTo = user;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
