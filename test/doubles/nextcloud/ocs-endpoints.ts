/**
 * The double's OCS API (JSON; every request must carry `OCS-APIRequest: true`, else 401 as
 * Nextcloud's CSRF guard answers), after:
 *   - https://docs.nextcloud.com/server/latest/developer_manual/client_apis/OCS/ocs-api-overview.html
 *     (`GET /ocs/v2.php/cloud/user`, the envelope `{ocs:{meta:{status,statuscode,message},data}}`,
 *     v2 statuscode = HTTP status);
 *   - https://docs.nextcloud.com/server/latest/developer_manual/client_apis/OCS/ocs-share-api.html
 *     (`/ocs/v2.php/apps/files_sharing/api/v1/shares`: POST with path, shareType, permissions,
 *     password, expireDate; GET ?path=; DELETE /{id}) — public links (shareType 3) only;
 *   - `DELETE /ocs/v2.php/core/apppassword` (revokes the app password the request uses).
 *
 * State (shares, app passwords) lives in this object: the double's own memory, for one test run.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApacheBackend } from "@/test/doubles/nextcloud/apache-backend";

export interface DoubleShare {
  id: number;
  owner: string;
  /** The shared item's file id: a share follows its item through renames and moves, as in Nextcloud. */
  fileId: string;
  itemType: "file" | "folder";
  token: string;
  permissions: number;
  password: string | null;
  expireDate: string | null;
  stime: number;
}

export interface OcsState {
  shares: Map<number, DoubleShare>;
  nextShareId: number;
  /** App password → login name. */
  appPasswords: Map<string, string>;
}

export function sendOcs(res: ServerResponse, status: number, data: unknown, message = ""): void {
  const body = JSON.stringify({
    ocs: { meta: { status: status < 300 ? "ok" : "failure", statuscode: status, message }, data },
  });
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

async function readParams(req: IncomingMessage): Promise<Record<string, string>> {
  const parts: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) parts.push(chunk);
  const text = Buffer.concat(parts).toString("utf8");
  if (text === "") return {};
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    const value = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** Where the shared item is now: its Apache href and user-relative path, or null once it is gone. */
export async function resolveShare(
  backend: ApacheBackend,
  share: DoubleShare,
): Promise<{ href: string; path: string; isCollection: boolean } | null> {
  const found = await backend.findByFileId(share.owner, share.fileId);
  if (!found) return null;
  const root = backend.apache.urlPath(share.owner, "files");
  const path = `/${decodeURIComponent(found.href.slice(root.length)).replace(/\/+$/, "")}`;
  return { ...found, path };
}

/** Nextcloud deletes the shares of what goes to the trash. */
export async function dropSharesOfTrashed(backend: ApacheBackend, state: OcsState, user: string): Promise<void> {
  for (const share of [...state.shares.values()]) {
    if (share.owner === user && (await resolveShare(backend, share)) === null) state.shares.delete(share.id);
  }
}

function shareJson(share: DoubleShare & { path: string }, origin: string): Record<string, unknown> {
  return {
    id: String(share.id),
    share_type: 3,
    uid_owner: share.owner,
    permissions: share.permissions,
    stime: share.stime,
    expiration: share.expireDate ? `${share.expireDate} 00:00:00` : null,
    token: share.token,
    path: share.path,
    item_type: share.itemType,
    // Nextcloud returns the password's hash, never the password.
    password: share.password ? `$2y$10$double${share.token}` : null,
    share_with: null,
    url: `${origin}/s/${share.token}`,
  };
}

export async function handleOcs(
  backend: ApacheBackend,
  state: OcsState,
  origin: string,
  user: string,
  credential: { appPassword?: string },
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/^\/ocs\/v[12]\.php/, "");
  if (path === "/cloud/user" && method === "GET") {
    req.resume();
    return sendOcs(res, 200, { id: user, "display-name": user, email: `${user}@hopital.test`, enabled: true });
  }
  if (path === "/core/apppassword" && method === "DELETE") {
    req.resume();
    if (credential.appPassword) state.appPasswords.delete(credential.appPassword);
    return sendOcs(res, 200, []);
  }
  const sharesPrefix = "/apps/files_sharing/api/v1/shares";
  if (path === sharesPrefix && method === "GET") {
    req.resume();
    const wanted = url.searchParams.get("path");
    if (wanted !== null) {
      const encoded = wanted.split("/").filter(Boolean).map(encodeURIComponent).join("/");
      if ((await backend.propfind(user, backend.areaPath(user, "files", encoded), "0")) === null) {
        return sendOcs(res, 404, [], "Wrong path, file/folder does not exist");
      }
    }
    const list: Array<DoubleShare & { path: string }> = [];
    for (const share of state.shares.values()) {
      if (share.owner !== user) continue;
      const resolved = await resolveShare(backend, share);
      if (resolved && (wanted === null || resolved.path === `/${wanted.split("/").filter(Boolean).join("/")}`)) {
        list.push({ ...share, path: resolved.path });
      }
    }
    return sendOcs(
      res,
      200,
      list.map((share) => shareJson(share, origin)),
    );
  }
  if (path === sharesPrefix && method === "POST") {
    const params = await readParams(req);
    const target = params.path ?? "";
    if (params.shareType !== "3") return sendOcs(res, 400, [], "Only public links in this double");
    const encoded = target.split("/").filter(Boolean).map(encodeURIComponent).join("/");
    const found = (await backend.propfind(user, backend.areaPath(user, "files", encoded), "0"))?.[0];
    if (!found || encoded === "") return sendOcs(res, 404, [], "Wrong path, file/folder does not exist");
    const permissions = Number(params.permissions ?? "1");
    if (![1, 4, 5, 15].includes(permissions)) return sendOcs(res, 400, [], "Invalid permissions");
    if ((permissions & 4) !== 0 && !found.isCollection) {
      return sendOcs(res, 400, [], "Public upload is only possible for publicly shared folders");
    }
    const expireDate = params.expireDate ?? null;
    if (expireDate !== null) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(expireDate))
        return sendOcs(res, 400, [], "Invalid date, date format must be YYYY-MM-DD");
      if (expireDate < new Date().toISOString().slice(0, 10))
        return sendOcs(res, 400, [], "Expiration date is in the past");
    }
    const share: DoubleShare = {
      id: state.nextShareId++,
      owner: user,
      fileId: found.props.fileid ?? "",
      itemType: found.isCollection ? "folder" : "file",
      // Nextcloud link tokens: 15 characters from [a-zA-Z0-9].
      token: randomBytes(30)
        .toString("base64")
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, 15),
      permissions,
      password: params.password || null,
      expireDate,
      stime: Math.floor(Date.now() / 1000),
    };
    state.shares.set(share.id, share);
    return sendOcs(res, 200, shareJson({ ...share, path: `/${target.split("/").filter(Boolean).join("/")}` }, origin));
  }
  const single = new RegExp(`^${sharesPrefix}/(\\d+)$`).exec(path);
  if (single && method === "DELETE") {
    req.resume();
    const share = state.shares.get(Number(single[1]));
    if (!share || share.owner !== user) return sendOcs(res, 404, [], "Wrong share ID, share does not exist");
    state.shares.delete(share.id);
    return sendOcs(res, 200, []);
  }
  req.resume();
  return sendOcs(res, 404, [], "Invalid query");
}
