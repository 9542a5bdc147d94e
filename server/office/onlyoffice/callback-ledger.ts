/**
 * Makes repeated callbacks harmless. The Document Server sends a callback again when it did not
 * get `{"error":0}` (timeout, error, a restarted portal process), possibly to another portal
 * process. Each callback that changes something (statuses 2 and 6, identified by key, status and
 * url) is claimed in the database before the work and marked done after it; a claim that finds a
 * done row answers success without saving twice, one that finds a row still processing answers an
 * error so the Document Server retries later, and a failed save releases its claim.
 */
import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { onlyofficeCallbacks } from "@/integrations/onlyoffice/schema";

export type ClaimResult = "claimed" | "already-done" | "in-progress";

export function callbackId(key: string, status: number, url: string | undefined): string {
  return createHash("sha256")
    .update(`${key}\n${status}\n${url ?? ""}`)
    .digest("base64url");
}

export async function claimCallback(id: string, fileId: string, status: number): Promise<ClaimResult> {
  const database = await db();
  const inserted = await database
    .insert(onlyofficeCallbacks)
    .values({ id, fileId, status, state: "processing" })
    .onConflictDoNothing()
    .returning({ id: onlyofficeCallbacks.id });
  if (inserted.length > 0) return "claimed";
  const [row] = await database
    .select({ state: onlyofficeCallbacks.state })
    .from(onlyofficeCallbacks)
    .where(eq(onlyofficeCallbacks.id, id));
  if (!row) return claimCallback(id, fileId, status);
  return row.state === "done" ? "already-done" : "in-progress";
}

export async function completeCallback(id: string): Promise<void> {
  const database = await db();
  await database.update(onlyofficeCallbacks).set({ state: "done" }).where(eq(onlyofficeCallbacks.id, id));
}

export async function releaseCallback(id: string): Promise<void> {
  const database = await db();
  await database
    .delete(onlyofficeCallbacks)
    .where(and(eq(onlyofficeCallbacks.id, id), eq(onlyofficeCallbacks.state, "processing")));
}
