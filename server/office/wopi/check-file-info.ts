/**
 * CheckFileInfo (GET /wopi/files/{id}): what the editor needs to know about the file, the user and
 * the host's capabilities. Properties from the WOPI reference (required: BaseFileName, OwnerId,
 * Size, UserId, Version) plus those Collabora and OnlyOffice rely on (LastModifiedTime,
 * PostMessageOrigin, UserFriendlyName…).
 *
 * Version is the storage's ETag, the same string PutFile returns in X-WOPI-ItemVersion, and
 * LastModifiedTime the storage's ISO date, the same string PutFile returns and Collabora sends
 * back in X-COOL-WOPI-Timestamp.
 */
import "server-only";
import { parentOf } from "@/server/files/paths";
import { splitExtension } from "@/server/office/wopi/file-names";
import { MAX_LOCK_ID_LENGTH } from "@/server/office/wopi/locks";
import { sendWopiJson } from "@/server/office/wopi/wopi-http";
import { canWrite, editorPageUrl, filesPageUrl, type WopiOperationContext } from "@/server/office/wopi/wopi-operation";

export function checkFileInfo(context: WopiOperationContext): Promise<void> {
  const { file, user, options } = context;
  const writable = canWrite(context);
  const folder = parentOf(file.path);
  const folderName = folder === "/" ? "Fichiers" : folder.slice(folder.lastIndexOf("/") + 1);
  const [stem, extension] = splitExtension(file.name);
  const portalOrigin = new URL(options.portalUrl).origin;
  sendWopiJson(context.res, {
    BaseFileName: file.name,
    // Files belong to the user who reaches them (local storage: their own tree; Nextcloud: their
    // view of it); the storage interface exposes no other owner.
    OwnerId: user.id,
    Size: file.size,
    UserId: user.id,
    UserFriendlyName: user.displayName,
    Version: file.etag,
    LastModifiedTime: file.lastModified,
    FileExtension: extension,
    FileNameMaxLength: 255,
    ReadOnly: !writable,
    UserCanWrite: writable,
    UserCanRename: writable && file.permissions.rename,
    UserCanNotWriteRelative: !writable,
    IsAnonymousUser: false,
    SupportsLocks: true,
    SupportsGetLock: true,
    SupportsExtendedLockLength: MAX_LOCK_ID_LENGTH >= 1024,
    SupportsUpdate: true,
    SupportsRename: true,
    SupportsDeleteFile: true,
    SupportsUserInfo: true,
    SupportsContainers: false,
    SupportsCoauth: false,
    UserInfo: context.userInfo,
    PostMessageOrigin: portalOrigin,
    CloseUrl: filesPageUrl(options.portalUrl, folder),
    HostEditUrl: editorPageUrl(options.portalUrl, file.id, "edit"),
    HostViewUrl: editorPageUrl(options.portalUrl, file.id, "view"),
    BreadcrumbBrandName: options.brandName,
    BreadcrumbBrandUrl: options.portalUrl,
    BreadcrumbFolderName: folderName,
    BreadcrumbFolderUrl: filesPageUrl(options.portalUrl, folder),
    BreadcrumbDocName: stem,
  });
  return Promise.resolve();
}
