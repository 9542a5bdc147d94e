/**
 * Public links through Nextcloud's OCS Share API
 * (docs.nextcloud.com … client_apis/OCS/ocs-share-api.html): `POST …/shares` with shareType 3
 * (public link), permissions 1 (read) or 4 (create only: a "file drop" on a folder), optional
 * password and expireDate (YYYY-MM-DD); `GET …/shares?path=` lists; `DELETE …/shares/{id}` revokes.
 *
 * The link handed to users is the portal's own public page (`{PORTAL_URL}/s/{token}`), which
 * reaches the share through Nextcloud's public WebDAV (public-share.ts): recipients never need
 * Nextcloud's interface.
 */
import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import type { ShareLink, ShareLinkInput, UserPath } from "@/server/files/storage";
import { statEntry, type DavCall } from "@/integrations/nextcloud/dav/dav-files";

const SHARES_PATH = "/apps/files_sharing/api/v1/shares";
const PUBLIC_LINK = 3;
const READ = 1;
const CREATE = 4;

const ZShare = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    share_type: z.coerce.number(),
    token: z.string().nullish(),
    path: z.string(),
    permissions: z.coerce.number(),
    expiration: z.string().nullish(),
    stime: z.coerce.number().optional(),
    password: z.string().nullish(),
    share_with: z.string().nullish(),
  })
  .loose();

type OcsShare = z.infer<typeof ZShare>;

function toShareLink(share: OcsShare, portalOrigin: string): ShareLink | null {
  if (share.share_type !== PUBLIC_LINK || !share.token || !/^[A-Za-z0-9]{1,64}$/.test(share.token)) return null;
  return {
    id: share.id,
    path: (share.path.startsWith("/") ? share.path : `/${share.path}`) as UserPath,
    token: share.token,
    url: `${portalOrigin}/s/${share.token}`,
    // Create without read is a file drop; anything with read is a read link.
    access: (share.permissions & READ) === 0 && (share.permissions & CREATE) !== 0 ? "upload" : "read",
    // Nextcloud returns the password's hash (recent versions) or puts it in share_with (older ones).
    hasPassword: Boolean(share.password) || Boolean(share.share_with),
    expiresOn: share.expiration ? share.expiration.slice(0, 10) : null,
    createdAt: new Date((share.stime ?? 0) * 1000).toISOString(),
  };
}

/** `2026-02-28` yes, `2026-02-30` no. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export async function createShareLink(
  call: DavCall,
  path: UserPath,
  input: ShareLinkInput,
  portalOrigin: string,
): Promise<ShareLink> {
  if (path === "/") throw new AppError("BAD_REQUEST", { userMessage: "the root folder cannot be shared" });
  if (input.expiresOn !== undefined && !isCalendarDate(input.expiresOn)) {
    throw new AppError("BAD_REQUEST", { userMessage: "expiry must be a date (YYYY-MM-DD)" });
  }
  if (input.access === "upload") {
    const entry = await statEntry(call, path);
    if (entry.kind !== "folder") {
      throw new AppError("BAD_REQUEST", { userMessage: "upload-only links are for folders" });
    }
  }
  const data = await call.client.ocs("POST", call.client.urls.ocs(SHARES_PATH), "share", {
    authorization: call.caller.authorization,
    signal: call.signal,
    json: {
      path,
      shareType: PUBLIC_LINK,
      permissions: input.access === "upload" ? CREATE : READ,
      ...(input.password ? { password: input.password } : {}),
      ...(input.expiresOn ? { expireDate: input.expiresOn } : {}),
    },
  });
  const parsed = ZShare.safeParse(data);
  const link = parsed.success ? toShareLink(parsed.data, portalOrigin) : null;
  if (!link) throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud's answer could not be read" });
  return link;
}

export async function listShareLinks(call: DavCall, portalOrigin: string, path?: UserPath): Promise<ShareLink[]> {
  const query: Record<string, string> = path === undefined ? {} : { path, reshares: "false", subfiles: "false" };
  let data: unknown;
  try {
    data = await call.client.ocs("GET", call.client.urls.ocs(SHARES_PATH, query), "share", {
      authorization: call.caller.authorization,
      signal: call.signal,
    });
  } catch (error) {
    // Nextcloud answers 404 for `path=` of a file that has no share.
    if (path !== undefined && error instanceof AppError && error.code === "NOT_FOUND") {
      await statEntry(call, path);
      return [];
    }
    throw error;
  }
  const shares = z.array(z.unknown()).safeParse(data);
  if (!shares.success)
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud's answer could not be read" });
  const links: ShareLink[] = [];
  for (const item of shares.data) {
    const parsed = ZShare.safeParse(item);
    const link = parsed.success ? toShareLink(parsed.data, portalOrigin) : null;
    if (link && (path === undefined || link.path === path)) links.push(link);
  }
  return links.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function revokeShareLink(call: DavCall, shareId: string): Promise<void> {
  if (!/^\d{1,20}$/.test(shareId)) throw new AppError("NOT_FOUND", { userMessage: "no such share" });
  await call.client.ocs("DELETE", call.client.urls.ocs(`${SHARES_PATH}/${shareId}`), "share", {
    authorization: call.caller.authorization,
    signal: call.signal,
  });
}
