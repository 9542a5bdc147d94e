/**
 * What every WOPI operation receives once the call is authenticated (proof, token, user, file),
 * and the host's dependencies, injected so that tests can run several hosts over one database
 * (as several portal processes) with a controllable clock.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PortalUser } from "@/server/auth/portal-user";
import type { TAuditEvent } from "@/server/audit/record-audit-event";
import type { Database } from "@/server/db/client";
import type { FileEntry, FileStorage, StorageContext } from "@/server/files/storage";
import type { VerifiedWopiToken, WopiTokenService } from "@/server/office/wopi/access-token";
import type { WopiLocks } from "@/server/office/wopi/locks";
import type { ProofChecker } from "@/server/office/wopi/proof-check";

export interface WopiHostOptions {
  db: () => Promise<Database>;
  storage: () => FileStorage;
  tokens: WopiTokenService;
  proof: ProofChecker;
  now: () => number;
  /** WOPI_HOST_URL, else PORTAL_URL: where the client calls (WOPISrc, PutRelativeFile's Url). */
  hostUrl: string;
  /** PORTAL_URL: the pages people see (editor page, Files) and PostMessageOrigin. */
  portalUrl: string;
  /** INSTITUTION_NAME, shown by editors as the breadcrumb's brand. */
  brandName: string;
  /** FILES_MAX_UPLOAD_BYTES */
  maxUploadBytes: number;
  audit: (event: TAuditEvent) => Promise<unknown>;
}

export interface WopiOperationContext {
  req: IncomingMessage;
  res: ServerResponse;
  options: WopiHostOptions;
  locks: WopiLocks;
  grant: VerifiedWopiToken;
  user: PortalUser;
  /** The user's PutUserInfo value ("" when none). */
  userInfo: string;
  storage: FileStorage;
  storageContext: StorageContext;
  /** The file as it is at the start of the call. */
  file: FileEntry;
}

/** The token allows editing AND the storage lets this user write the file. */
export function canWrite(context: Pick<WopiOperationContext, "grant" | "file">): boolean {
  return context.grant.permission === "edit" && context.file.permissions.write;
}

/** The portal's editor page for a file (app/(workspace)/office/[fileId]). */
export function editorPageUrl(portalUrl: string, fileId: string, mode: "edit" | "view"): string {
  const base = `${portalUrl.replace(/\/+$/, "")}/office/${encodeURIComponent(fileId)}`;
  return mode === "view" ? `${base}?mode=view` : base;
}

export function filesPageUrl(portalUrl: string, folder: string): string {
  return `${portalUrl.replace(/\/+$/, "")}/files?path=${encodeURIComponent(folder)}`;
}
