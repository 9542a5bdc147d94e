/**
 * The WOPI host: the NodeRoute that answers /wopi/files/{id} and /wopi/files/{id}/contents for a
 * WOPI client (Collabora Online, OnlyOffice in WOPI mode, Office Online). A node route, not a Next
 * route handler, because PutFile and GetFile stream files of any size.
 *
 * Every call goes through the same gate, in this order:
 *   1. the path: a file id as the storage makes them (URL-safe: UUIDs, Nextcloud's numeric ids),
 *      else 404; the operation from method + X-WOPI-Override, unknown → 501 (before anything else:
 *      it reveals nothing);
 *   2. the proof (proof-check.ts): 500 when it fails, as the spec says;
 *   3. the access token (`access_token` query parameter or `Authorization: Bearer`): 401 when
 *      missing, invalid, expired or revoked; 404 when it is for another file;
 *   4. the user it names, acting through the session that opened the editor (read with the
 *      token's row in one query; 401 when gone), and the file through the Files storage interface (`statById`, so both adapters work): 404 when
 *      this user cannot reach it (or it is a folder).
 * Then the operation runs with that context (wopi-operation.ts).
 *
 * Nothing is held in the process: tokens, locks and user info are in the database, files in the
 * storage, so any number of portal processes answer the same client.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import { AppError } from "@/server/errors";
import type { NodeRoute } from "@/server/http/node-routes";
import { checkFileInfo } from "@/server/office/wopi/check-file-info";
import { getFile, putFile } from "@/server/office/wopi/file-contents";
import { deleteFile, putUserInfo, renameFile } from "@/server/office/wopi/file-operations";
import { getLock, lockOrRelock, refreshLock, unlock } from "@/server/office/wopi/lock-operations";
import { createWopiLocks, type WopiLocks } from "@/server/office/wopi/locks";
import { putRelativeFile } from "@/server/office/wopi/put-relative-file";
import { header, sendWopiError } from "@/server/office/wopi/wopi-http";
import type { WopiHostOptions, WopiOperationContext } from "@/server/office/wopi/wopi-operation";

export const WOPI_PREFIX = "/wopi/";

/** Ids the storages make: UUIDs locally, decimal numbers on Nextcloud; nothing needing escapes. */
const FILE_ID = /^[A-Za-z0-9._~-]{1,128}$/;
const WOPI_PATH = /^\/wopi\/files\/([^/]+)(\/contents)?$/;

type Operation = (context: WopiOperationContext) => Promise<void>;

const FILE_OPERATIONS: Record<string, Operation> = {
  LOCK: lockOrRelock,
  REFRESH_LOCK: refreshLock,
  UNLOCK: unlock,
  GET_LOCK: getLock,
  PUT_RELATIVE: putRelativeFile,
  RENAME_FILE: renameFile,
  DELETE: deleteFile,
  PUT_USER_INFO: putUserInfo,
};

/** The operation of a call, or a refusal (status + message) before any authentication. */
function chooseOperation(
  req: IncomingMessage,
  contents: boolean,
): { operation: Operation } | { status: 400 | 405 | 501; message: string } {
  const method = req.method ?? "GET";
  const override = header(req, "x-wopi-override")?.trim().toUpperCase();
  if (contents) {
    if (method === "GET") return { operation: getFile };
    if (method !== "POST") return { status: 405, message: "use GET or POST on a file's contents" };
    if (override === undefined) return { status: 400, message: "X-WOPI-Override is required (PUT)" };
    return override === "PUT"
      ? { operation: putFile }
      : { status: 501, message: `X-WOPI-Override ${override.slice(0, 40)} is not supported on contents` };
  }
  if (method === "GET") return { operation: checkFileInfo };
  if (method !== "POST") return { status: 405, message: "use GET or POST on a file" };
  if (override === undefined) return { status: 400, message: "X-WOPI-Override is required" };
  const operation = FILE_OPERATIONS[override];
  return operation
    ? { operation }
    : { status: 501, message: `X-WOPI-Override ${override.slice(0, 40)} is not supported` };
}

function accessTokenOf(req: IncomingMessage, url: URL): string {
  const fromQuery = url.searchParams.get("access_token");
  const authorization = header(req, "authorization");
  const fromHeader = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (fromQuery !== null && fromHeader !== undefined && fromQuery !== fromHeader)
    throw new AppError("UNAUTHENTICATED", { userMessage: "two different access tokens were sent" });
  const token = fromQuery ?? fromHeader;
  if (!token) throw new AppError("UNAUTHENTICATED", { userMessage: "the access_token is missing" });
  return token;
}

export interface WopiHost {
  route: NodeRoute;
  locks: WopiLocks;
}

export function createWopiHost(options: WopiHostOptions): WopiHost {
  const locks = createWopiLocks({ db: options.db, now: options.now });

  const route: NodeRoute = {
    prefix: WOPI_PREFIX,
    async handle(req, res, url) {
      // An answer given before the body was read closes the connection rather than draining a
      // refused upload of any size.
      try {
        const match = WOPI_PATH.exec(url.pathname);
        if (!match) throw new AppError("NOT_FOUND", { userMessage: "no such WOPI endpoint" });
        const fileId = match[1] as string;
        if (!FILE_ID.test(fileId)) throw new AppError("NOT_FOUND", { userMessage: "the path does not hold a file id" });
        const chosen = chooseOperation(req, match[2] !== undefined);
        if (!("operation" in chosen)) {
          sendWopiError(
            res,
            chosen.status,
            chosen.status === 501 ? "NOT_IMPLEMENTED" : chosen.status === 405 ? "METHOD_NOT_ALLOWED" : "BAD_REQUEST",
            chosen.message,
          );
          return;
        }
        const token = accessTokenOf(req, url);
        await options.proof.check({
          accessToken: token,
          pathAndQuery: req.url ?? url.pathname,
          headers: {
            timestamp: header(req, "x-wopi-timestamp"),
            proof: header(req, "x-wopi-proof"),
            proofOld: header(req, "x-wopi-proofold"),
          },
        });
        const { grant, user, userInfo } = await options.tokens.authenticate(token, fileId);
        const storage = options.storage();
        const storageContext = { user };
        const file = await storage.statById(storageContext, fileId);
        if (file.kind !== "file") throw new AppError("NOT_FOUND", { userMessage: "no such file" });
        await chosen.operation({ req, res, options, locks, grant, user, userInfo, storage, storageContext, file });
      } catch (error) {
        if (!req.complete && !res.headersSent) res.setHeader("connection", "close");
        throw error;
      } finally {
        if (!req.complete && res.headersSent && !res.writableEnded) req.resume();
      }
    },
  };
  return { route, locks };
}
