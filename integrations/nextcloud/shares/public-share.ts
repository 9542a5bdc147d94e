/**
 * A public link opened by its recipient, through Nextcloud's public WebDAV
 * (`/public.php/dav/files/{token}/…`; a password-protected link takes HTTP Basic with the user
 * name `anonymous` and the link's password). No portal user is involved: the token and password
 * are the only credential, exactly as for Nextcloud's own public page.
 *
 * What the link allows comes from `nc:share-permissions` of the shared root (OCS permission bits:
 * 1 read, 4 create): a link with create but not read is a file drop — it may add files, never
 * list or read them.
 */
import "server-only";
import type { Readable } from "node:stream";
import { AppError } from "@/server/errors";
import type { ByteRange, FileEntry, PublicShare, UserPath, WriteOptions } from "@/server/files/storage";
import { exactLength, readUrl } from "@/integrations/nextcloud/dav/dav-files";
import { FILE_PROPS, NS, toFileEntry } from "@/integrations/nextcloud/dav/file-props";
import type { NextcloudClient } from "@/integrations/nextcloud/http/nextcloud-client";
import { basicAuthorization } from "@/integrations/nextcloud/auth/user-credentials";

const PUBLIC_PROPFIND = `<?xml version="1.0" encoding="UTF-8"?><d:propfind ${NS}><d:prop>${FILE_PROPS}<d:displayname/><nc:share-permissions/></d:prop></d:propfind>`;
const READ = 1;
const CREATE = 4;

export async function openPublicShare(
  client: NextcloudClient,
  token: string,
  password: string | undefined,
  signal?: AbortSignal,
): Promise<PublicShare> {
  // Nextcloud tokens are short alphanumerics; anything else is unknown (no oracle, no odd URL).
  if (!/^[A-Za-z0-9]{1,64}$/.test(token)) throw new AppError("NOT_FOUND", { userMessage: "no such link" });
  const authorization = password === undefined ? undefined : basicAuthorization("anonymous", password);
  const rootPath = `${client.urls.publicFiles(token, "/", { folder: true }).pathname}`;

  const propfind = async (path: string, depth: "0" | "1", folder: boolean, callSignal?: AbortSignal) => {
    try {
      return await client.multistatus(
        "PROPFIND",
        client.urls.publicFiles(token, path, { folder }),
        PUBLIC_PROPFIND,
        "read",
        {
          authorization,
          signal: callSignal ?? signal,
          depth,
        },
      );
    } catch (error) {
      if (error instanceof AppError && error.code === "NEXTCLOUD_NOT_CONNECTED") {
        throw new AppError("UNAUTHENTICATED", { userMessage: "this link needs its password" });
      }
      throw error;
    }
  };

  const rootResponses = await propfind("/", "0", false);
  const rootResponse = rootResponses[0];
  const rootEntry = rootResponse ? toFileEntry(rootResponse, rootPath) : null;
  if (!rootResponse || !rootEntry) throw new AppError("NOT_FOUND", { userMessage: "no such link" });
  // The root's href is the token: its name is the shared item's display name.
  const root: FileEntry = { ...rootEntry, name: rootResponse.props.displayname ?? "" };
  const permissions = Number(rootResponse.props["share-permissions"] ?? READ);
  const access: "read" | "upload" = (permissions & READ) === 0 && (permissions & CREATE) !== 0 ? "upload" : "read";

  const requireRead = () => {
    if (access !== "read") throw new AppError("FORBIDDEN", { userMessage: "this link only accepts uploads" });
  };

  return {
    access,
    root,
    async list(folder: UserPath): Promise<FileEntry[]> {
      requireRead();
      const responses = await propfind(folder, "1", true);
      const entries = responses.map((response) => toFileEntry(response, rootPath)).filter((entry) => entry !== null);
      const self = entries.find((entry) => entry.path === folder);
      if (self && self.kind !== "folder") throw new AppError("BAD_REQUEST", { userMessage: "not a folder" });
      return entries.filter((entry) => entry.path !== folder);
    },
    async read(path: UserPath, range?: ByteRange) {
      requireRead();
      return readUrl(client, client.urls.publicFiles(token, path), { authorization, range, signal });
    },
    async write(path: UserPath, body: Readable, options: WriteOptions = {}): Promise<FileEntry> {
      if (access !== "upload" || root.kind !== "folder") {
        throw new AppError("FORBIDDEN", { userMessage: "this link does not accept uploads" });
      }
      if (path === "/") throw new AppError("BAD_REQUEST", { userMessage: "a file name is needed" });
      // A file drop never overwrites: Nextcloud stores a taken name under a free one
      // ("name (2).ext") and does not say which; the visitor may not list the folder to find out.
      const response = await client.expectOk("PUT", client.urls.publicFiles(token, path), "write", {
        authorization,
        signal,
        headers: {
          "content-type": "application/octet-stream",
          "content-length": options.size === undefined ? undefined : String(options.size),
        },
        body: options.size === undefined ? body : exactLength(body, options.size),
      });
      const name = path.split("/").pop() ?? "";
      const fileId = response.headers["oc-fileid"];
      return {
        id: typeof fileId === "string" && fileId !== "" ? fileId : `drop:${name}`,
        path,
        name,
        kind: "file",
        size: options.size ?? 0,
        etag: '""',
        lastModified: new Date().toISOString(),
        contentType: "application/octet-stream",
        permissions: { read: false, write: false, create: false, delete: false, rename: false, share: false },
        hasPreview: false,
        favourite: false,
      };
    },
  };
}
