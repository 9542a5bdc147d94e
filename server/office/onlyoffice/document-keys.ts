/**
 * The key rules of OnlyOffice editing sessions, over the `onlyoffice_documents` table (see
 * integrations/onlyoffice/document-key.ts for why keys matter):
 *
 *   - opening: the file's current key if it was made for the content being opened (same etag),
 *     so everyone editing joins one session; otherwise a new key (first open, or the file changed
 *     elsewhere since, which must not reopen the Document Server's stale cached copy);
 *   - after a force-save (status 6): same key, the etag of the content just written, so people
 *     opening during the session still join it;
 *   - after a save (status 2): the key is retired; the next open makes a new one.
 *
 * Each rule is one statement, atomic on PostgreSQL and PGlite, so concurrent opens in several
 * portal processes agree.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/server/db/client";
import { onlyofficeDocuments } from "@/integrations/onlyoffice/schema";
import { newDocumentKey } from "@/integrations/onlyoffice/document-key";

export async function keyForOpening(fileId: string, etag: string): Promise<string> {
  const database = await db();
  const [row] = await database
    .insert(onlyofficeDocuments)
    .values({ fileId, docKey: newDocumentKey(), etag })
    .onConflictDoUpdate({
      target: onlyofficeDocuments.fileId,
      set: {
        docKey: sql`case when ${onlyofficeDocuments.etag} = excluded.etag then ${onlyofficeDocuments.docKey} else excluded.doc_key end`,
        etag: sql`excluded.etag`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ docKey: onlyofficeDocuments.docKey });
  if (!row) throw new Error("document key upsert returned nothing");
  return row.docKey;
}

/** Status 6: the session goes on with the same key over the content just written. */
export async function keepKeyAfterForceSave(fileId: string, key: string, newEtag: string): Promise<void> {
  const database = await db();
  await database
    .update(onlyofficeDocuments)
    .set({ etag: newEtag, updatedAt: new Date() })
    .where(and(eq(onlyofficeDocuments.fileId, fileId), eq(onlyofficeDocuments.docKey, key)));
}

/** Status 2: the session is over; the next open gets a new key. */
export async function retireKeyAfterSave(fileId: string, key: string): Promise<void> {
  const database = await db();
  await database
    .delete(onlyofficeDocuments)
    .where(and(eq(onlyofficeDocuments.fileId, fileId), eq(onlyofficeDocuments.docKey, key)));
}

/** The file's current key, if a session is known (tests and diagnostics). */
export async function currentKey(fileId: string): Promise<string | null> {
  const database = await db();
  const [row] = await database
    .select({ docKey: onlyofficeDocuments.docKey })
    .from(onlyofficeDocuments)
    .where(eq(onlyofficeDocuments.fileId, fileId));
  return row?.docKey ?? null;
}
