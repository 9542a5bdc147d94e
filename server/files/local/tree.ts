/**
 * The local adapter's view of the `file_nodes` tree: finding live nodes, the conditions that
 * select a subtree, turning rows into `FileEntry`s, and the small rules every operation shares
 * (a parent must be a live folder, a unique-index violation is a CONFLICT). Kept apart from the
 * operations so each of those files reads as its own story.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { lookup } from "mime-types";
import type { Database } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { fileNodes } from "@/server/files/schema";
import type { FileEntry, FilePermissions, UserPath } from "@/server/files/storage";

/** A database handle or an open transaction: both run the same queries. */
export type Executor = Pick<Database, "select" | "insert" | "update" | "delete" | "execute">;
export type NodeRow = typeof fileNodes.$inferSelect;

/** Images small enough to be their own preview; SVG is left out (scripts), as is anything big. */
const PREVIEWABLE_TYPE_LIST = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"];
const PREVIEWABLE_TYPES = new Set(PREVIEWABLE_TYPE_LIST);
export const MAX_PREVIEW_BYTES = 5 * 1024 * 1024;

export const OWNER_PERMISSIONS: FilePermissions = {
  read: true,
  write: true,
  create: true,
  delete: true,
  rename: true,
  share: true,
};

/** Lower-case, without accents: "Réunion ÉTÉ" → "reunion ete". */
export function foldName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function contentTypeOf(name: string): string {
  return lookup(name) || "application/octet-stream";
}

export function isPreviewable(contentType: string | null, size: number): boolean {
  return contentType !== null && PREVIEWABLE_TYPES.has(contentType) && size <= MAX_PREVIEW_BYTES;
}

/** A fresh strong ETag value (quotes included): every content change gets a new one. */
export function newEtag(): string {
  return `"${randomBytes(12).toString("base64url")}"`;
}

export function toEntry(
  row: NodeRow,
  permissions: FilePermissions = OWNER_PERMISSIONS,
  shownPath?: UserPath,
): FileEntry {
  return {
    id: row.id,
    path: shownPath ?? (row.path as UserPath),
    name: row.name,
    kind: row.kind,
    size: row.size,
    etag: row.etag,
    lastModified: row.modifiedAt.toISOString(),
    contentType: row.kind === "file" ? row.contentType : null,
    permissions,
    hasPreview: row.kind === "file" && isPreviewable(row.contentType, row.size),
    favourite: row.favourite,
  };
}

/**
 * The owner's entries matching `where`, in listing order (folders first, then by folded name),
 * as toEntry makes them — but built by the database as ONE JSON text. Why: on the embedded
 * PGlite every column of every row is decoded in JavaScript, which made a 5,000-entry folder
 * cost several times the query itself; one text value is decoded once and JSON.parse is fast.
 * The timestamp is written as toISOString does (UTC, milliseconds truncated, as the drivers'
 * Date does); local-storage-internals.db.test.ts checks this stays equal to toEntry.
 */
export async function ownerEntriesJson(db: Executor, where: SQL): Promise<FileEntry[]> {
  const [result] = await db
    .select({
      entries: sql<string>`coalesce(json_agg(json_build_object(
        'id', ${fileNodes.id},
        'path', ${fileNodes.path},
        'name', ${fileNodes.name},
        'kind', ${fileNodes.kind},
        'size', ${fileNodes.size},
        'etag', ${fileNodes.etag},
        'lastModified', to_char(${fileNodes.modifiedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'contentType', case when ${fileNodes.kind} = 'file' then ${fileNodes.contentType} end,
        'permissions', ${JSON.stringify(OWNER_PERMISSIONS)}::json,
        'hasPreview', coalesce(${fileNodes.kind} = 'file'
          and ${fileNodes.contentType} = any(${sql.param(PREVIEWABLE_TYPE_LIST)}::text[])
          and ${fileNodes.size} <= ${MAX_PREVIEW_BYTES}, false),
        'favourite', ${fileNodes.favourite}
      ) order by ${fileNodes.kind} desc, ${fileNodes.nameKey}, ${fileNodes.name})::text, '[]')`,
    })
    .from(fileNodes)
    .where(where);
  return JSON.parse(result?.entries ?? "[]") as FileEntry[];
}

/** The user's top folder, which has no row: its ETag follows the latest change of its entries. */
export async function rootEntry(db: Executor, ownerId: string): Promise<FileEntry> {
  const [summary] = await db
    .select({
      count: sql<number>`count(*)::int`,
      latest: sql<string | null>`max(${fileNodes.modifiedAt})::text`,
    })
    .from(fileNodes)
    .where(and(eq(fileNodes.ownerId, ownerId), eq(fileNodes.parentPath, "/"), isNull(fileNodes.trashId)));
  const latest = summary?.latest ? new Date(summary.latest) : new Date(0);
  return {
    id: ownerId,
    path: "/" as UserPath,
    name: "",
    kind: "folder",
    size: 0,
    etag: `"root-${summary?.count ?? 0}-${latest.getTime()}"`,
    lastModified: latest.toISOString(),
    contentType: null,
    permissions: { ...OWNER_PERMISSIONS, delete: false, rename: false, share: false },
    hasPreview: false,
    favourite: false,
  };
}

export function liveNode(ownerId: string, target: UserPath): SQL {
  return and(eq(fileNodes.ownerId, ownerId), eq(fileNodes.path, target), isNull(fileNodes.trashId)) as SQL;
}

/** `target` and everything below it, live only. */
export function liveSubtree(ownerId: string, target: UserPath): SQL {
  return and(
    eq(fileNodes.ownerId, ownerId),
    isNull(fileNodes.trashId),
    // char_length on the server: JS string lengths count UTF-16 units, PostgreSQL counts characters.
    or(eq(fileNodes.path, target), sql`left(${fileNodes.path}, char_length(${target}::text) + 1) = ${`${target}/`}`),
  ) as SQL;
}

export async function findLive(db: Executor, ownerId: string, target: UserPath): Promise<NodeRow | undefined> {
  const [row] = await db.select().from(fileNodes).where(liveNode(ownerId, target)).limit(1);
  return row;
}

export async function requireLive(db: Executor, ownerId: string, target: UserPath): Promise<NodeRow> {
  const row = await findLive(db, ownerId, target);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: `"${target}" does not exist` });
  return row;
}

export async function requireFile(db: Executor, ownerId: string, target: UserPath): Promise<NodeRow> {
  const row = await requireLive(db, ownerId, target);
  if (row.kind !== "file" || row.blobId === null)
    throw new AppError("BAD_REQUEST", { userMessage: `"${target}" is a folder, not a file` });
  return row;
}

/**
 * Refuses unless `folder` is `/` or a live folder. With `lock` (inside a transaction), holds a
 * share lock on the folder's row until commit, so a concurrent move or delete of that folder
 * waits for this transaction and then sees what it added (see lockSubtree).
 */
export async function requireFolder(
  db: Executor,
  ownerId: string,
  folder: UserPath,
  options: { lock?: boolean } = {},
): Promise<void> {
  if (folder === "/") return;
  const query = db.select().from(fileNodes).where(liveNode(ownerId, folder)).limit(1);
  const [row] = options.lock ? await query.for("share") : await query;
  if (!row) throw new AppError("NOT_FOUND", { userMessage: `the folder "${folder}" does not exist` });
  if (row.kind !== "folder") throw new AppError("CONFLICT", { userMessage: `"${folder}" is a file, not a folder` });
}

/** A folder's ETag and date change when its entries change (as a directory's mtime does). */
export async function touchFolder(db: Executor, ownerId: string, folder: UserPath): Promise<void> {
  if (folder === "/") return;
  await db
    .update(fileNodes)
    .set({ etag: newEtag(), modifiedAt: sql`now()` })
    .where(liveNode(ownerId, folder));
}

/**
 * Locks `target` and everything below it (inside a transaction) before a move or delete rewrites
 * them. Writers share-lock the folder they write into (requireFolder), so this waits for them, and
 * the statements that follow — each with a fresh snapshot under READ COMMITTED — see the entries
 * they committed: nothing is left behind under the old path.
 */
export async function lockSubtree(tx: Executor, ownerId: string, target: UserPath): Promise<void> {
  await tx.select({ id: fileNodes.id }).from(fileNodes).where(liveSubtree(ownerId, target)).for("update");
}

/** PostgreSQL's unique_violation, through drizzle's wrapping. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export function alreadyExists(target: UserPath): AppError {
  return new AppError("CONFLICT", { userMessage: `"${target}" already exists` });
}
