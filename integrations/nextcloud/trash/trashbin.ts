/**
 * Nextcloud's trash bin (docs.nextcloud.com … client_apis/WebDAV/trashbin.html): a DELETE on a
 * file moves it there; `PROPFIND /remote.php/dav/trashbin/{uid}/trash` lists the items (name
 * `{file}.d{timestamp}`, with nc:trashbin-filename, nc:trashbin-original-location,
 * nc:trashbin-deletion-time); restore is a MOVE of the item to `…/trashbin/{uid}/restore/{item}`;
 * DELETE of the item purges it.
 *
 * Nextcloud restores onto a taken path under another name ("x (restored)"); the portal's contract
 * is CONFLICT instead, so the original path is checked first.
 */
import "server-only";
import { AppError } from "@/server/errors";
import type { FileEntry, TrashEntry, UserPath } from "@/server/files/storage";
import { statEntry, type DavCall } from "@/integrations/nextcloud/dav/dav-files";
import { NS } from "@/integrations/nextcloud/dav/file-props";
import { hrefToRelative } from "@/integrations/nextcloud/http/nextcloud-urls";

const TRASH_PROPFIND =
  `<?xml version="1.0" encoding="UTF-8"?><d:propfind ${NS}><d:prop>` +
  "<nc:trashbin-filename/><nc:trashbin-original-location/><nc:trashbin-deletion-time/>" +
  "<d:getcontentlength/><oc:size/><d:resourcetype/><oc:fileid/>" +
  "</d:prop></d:propfind>";

function toUserPath(location: string): UserPath {
  const clean = location.replace(/^\/+/, "");
  return `/${clean}` as UserPath;
}

export async function listTrash(call: DavCall): Promise<TrashEntry[]> {
  const url = call.client.urls.trash(call.caller.uid);
  const responses = await call.client.multistatus("PROPFIND", url, TRASH_PROPFIND, "list", {
    authorization: call.caller.authorization,
    signal: call.signal,
    depth: "1",
  });
  const items: TrashEntry[] = [];
  for (const response of responses) {
    const relative = hrefToRelative(response.href, `${url.pathname}/`);
    if (relative === null || relative === "/" || relative.lastIndexOf("/") !== 0) continue;
    const id = relative.slice(1);
    const { props } = response;
    const name = props["trashbin-filename"] || id.replace(/\.d\d+$/, "");
    const deleted = Number(props["trashbin-deletion-time"]);
    const size = Number(props.size ?? props.getcontentlength ?? 0);
    items.push({
      id,
      name,
      originalPath: toUserPath(props["trashbin-original-location"] || name),
      kind: response.isCollection ? "folder" : "file",
      size: Number.isFinite(size) && size >= 0 ? size : 0,
      deletedAt: new Date(Number.isFinite(deleted) ? deleted * 1000 : 0).toISOString(),
    });
  }
  return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

async function findItem(call: DavCall, trashId: string): Promise<TrashEntry> {
  const item = (await listTrash(call)).find((entry) => entry.id === trashId);
  if (!item) throw new AppError("NOT_FOUND", { userMessage: "no such item in the trash" });
  return item;
}

async function exists(call: DavCall, path: UserPath): Promise<boolean> {
  try {
    await statEntry(call, path);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return false;
    throw error;
  }
}

export async function restoreFromTrash(call: DavCall, trashId: string): Promise<FileEntry> {
  const item = await findItem(call, trashId);
  if (await exists(call, item.originalPath)) {
    throw new AppError("CONFLICT", { userMessage: "something else now has that name: rename it first" });
  }
  await call.client.expectOk("MOVE", call.client.urls.trash(call.caller.uid, trashId), "move", {
    authorization: call.caller.authorization,
    signal: call.signal,
    headers: { destination: call.client.urls.trashRestore(call.caller.uid, trashId).href, overwrite: "F" },
  });
  try {
    return await statEntry(call, item.originalPath);
  } catch (error) {
    // Nextcloud restores to the root when the original folder is gone.
    if (error instanceof AppError && error.code === "NOT_FOUND") return statEntry(call, `/${item.name}` as UserPath);
    throw error;
  }
}

export async function purgeFromTrash(call: DavCall, trashId: string): Promise<void> {
  await call.client.expectOk("DELETE", call.client.urls.trash(call.caller.uid, trashId), "delete", {
    authorization: call.caller.authorization,
    signal: call.signal,
  });
}
