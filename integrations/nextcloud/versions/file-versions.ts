/**
 * Nextcloud's file versions (docs.nextcloud.com … client_apis/WebDAV/versions.html):
 * `PROPFIND /remote.php/dav/versions/{uid}/versions/{fileid}` lists the past versions (each
 * named by its timestamp), a GET of one downloads it, and a MOVE of one to
 * `/remote.php/dav/versions/{uid}/restore/target` makes it current (Nextcloud keeps the replaced
 * content as a version in turn).
 */
import "server-only";
import { AppError } from "@/server/errors";
import type { FileContent, FileEntry, FileVersion, UserPath } from "@/server/files/storage";
import { readUrl, statEntry, type DavCall } from "@/integrations/nextcloud/dav/dav-files";
import { NS, normaliseEtag } from "@/integrations/nextcloud/dav/file-props";
import { hrefToRelative } from "@/integrations/nextcloud/http/nextcloud-urls";

const VERSIONS_PROPFIND = `<?xml version="1.0" encoding="UTF-8"?><d:propfind ${NS}><d:prop><d:getcontentlength/><d:getlastmodified/><d:getetag/><d:resourcetype/></d:prop></d:propfind>`;

async function fileIdOf(call: DavCall, path: UserPath): Promise<string> {
  const entry = await statEntry(call, path);
  if (entry.kind !== "file") throw new AppError("BAD_REQUEST", { userMessage: "folders have no versions" });
  return entry.id;
}

function checkVersionId(versionId: string): void {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(versionId) || versionId === "." || versionId === "..") {
    throw new AppError("NOT_FOUND", { userMessage: "no such version" });
  }
}

export async function listVersions(call: DavCall, path: UserPath): Promise<FileVersion[]> {
  const fileId = await fileIdOf(call, path);
  const url = call.client.urls.versions(call.caller.uid, fileId);
  const responses = await call.client.multistatus("PROPFIND", url, VERSIONS_PROPFIND, "list", {
    authorization: call.caller.authorization,
    signal: call.signal,
    depth: "1",
  });
  const versions: FileVersion[] = [];
  for (const response of responses) {
    if (response.isCollection) continue;
    const relative = hrefToRelative(response.href, `${url.pathname}/`);
    if (relative === null || relative === "/" || relative.lastIndexOf("/") !== 0) continue;
    const size = Number(response.props.getcontentlength ?? 0);
    versions.push({
      id: relative.slice(1),
      size: Number.isFinite(size) ? size : 0,
      lastModified: new Date(Date.parse(response.props.getlastmodified ?? "") || 0).toISOString(),
      etag: normaliseEtag(response.props.getetag),
    });
  }
  return versions.sort((a, b) => b.lastModified.localeCompare(a.lastModified) || b.id.localeCompare(a.id));
}

export async function readVersion(call: DavCall, path: UserPath, versionId: string): Promise<FileContent> {
  checkVersionId(versionId);
  const fileId = await fileIdOf(call, path);
  return readUrl(call.client, call.client.urls.versions(call.caller.uid, fileId, versionId), {
    authorization: call.caller.authorization,
    signal: call.signal,
  });
}

export async function restoreVersion(call: DavCall, path: UserPath, versionId: string): Promise<FileEntry> {
  checkVersionId(versionId);
  const fileId = await fileIdOf(call, path);
  await call.client.expectOk("MOVE", call.client.urls.versions(call.caller.uid, fileId, versionId), "write", {
    authorization: call.caller.authorization,
    signal: call.signal,
    headers: { destination: call.client.urls.versionRestore(call.caller.uid).href },
  });
  return statEntry(call, path);
}
