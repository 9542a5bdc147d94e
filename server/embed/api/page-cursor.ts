/**
 * Opaque keyset cursors for the API's lists (newest first): `(created_at, id)` of the last row,
 * base64url-encoded. Stable while rows are added, unlike offsets.
 */
import "server-only";
import { AppError } from "@/server/errors";

export interface PageKey {
  createdAt: Date;
  id: string;
}

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.createdAt.toISOString(), key.id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): PageKey {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    const createdAt = new Date(String(at));
    if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) throw new Error();
    return { createdAt, id };
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "invalid cursor: use the nextCursor of a previous page" });
  }
}
