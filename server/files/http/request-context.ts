/**
 * What every private Files node route starts with: the signed-in user (401 otherwise), the
 * configured storage, and a StorageContext whose signal aborts the backend call when the client
 * goes away.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/server/errors";
import { requireRequestUser } from "@/server/auth/request-user";
import { getFileStorage } from "@/server/files/get-file-storage";
import type { FileStorage, StorageContext } from "@/server/files/storage";
import { clientGoneSignal } from "@/server/files/http/request-body";

export interface FilesRequest {
  storage: FileStorage;
  context: StorageContext;
}

export async function openFilesRequest(req: IncomingMessage, res: ServerResponse): Promise<FilesRequest> {
  const user = await requireRequestUser(req);
  return { storage: getFileStorage(), context: { user, signal: clientGoneSignal(req, res) } };
}

/** 405 naming the methods the route serves. */
export function methodNotAllowed(res: ServerResponse, allowed: readonly string[]): never {
  res.setHeader("allow", allowed.join(", "));
  throw new AppError("METHOD_NOT_ALLOWED", { userMessage: `method not allowed; use ${allowed.join(", ")}` });
}
