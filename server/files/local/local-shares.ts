/**
 * Public share links of the local adapter: create, list, revoke, and open by token.
 *
 * A link points at a node id, so it follows renames and moves, and stops working when the node is
 * trashed (it comes back if the node is restored) or purged (the row cascades away). Opening
 * answers NOT_FOUND alike for an unknown, revoked or expired token and for a trashed item (no
 * oracle); a password is checked with scrypt in constant time and answers UNAUTHENTICATED when
 * missing or wrong. Attempt limiting is the HTTP layer's job (it knows the client).
 *
 * What a recipient reaches is re-resolved on every call from the link row (never cached), so a
 * revocation takes effect at once in every portal process.
 */
import "server-only";
import type { Readable } from "node:stream";
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { portalSecretBox } from "@/server/crypto/portal-secret-box";
import { AppError } from "@/server/errors";
import { joinUserPath, parseFileName, rebase, segmentsOf } from "@/server/files/paths";
import { fileNodes, fileShareLinks } from "@/server/files/schema";
import type {
  ByteRange,
  FileContent,
  FileEntry,
  FilePermissions,
  PublicShare,
  ShareLink,
  ShareLinkInput,
  StorageContext,
  UserPath,
  WriteOptions,
} from "@/server/files/storage";
import { isUuid } from "@/server/files/local/blob-store";
import {
  hashSharePassword,
  hashShareToken,
  isShareTokenShape,
  newShareToken,
  verifySharePassword,
} from "@/server/files/local/share-secrets";
import { findLive, requireLive, toEntry, type NodeRow } from "@/server/files/local/tree";

/** What the shares need of the adapter, as the owner of the shared item. */
export interface OwnerFileOps {
  list(ownerId: string, folder: UserPath, signal?: AbortSignal): Promise<FileEntry[]>;
  read(ownerId: string, target: UserPath, range?: ByteRange): Promise<FileContent>;
  write(
    ownerId: string,
    target: UserPath,
    body: Readable,
    options: WriteOptions,
    signal?: AbortSignal,
  ): Promise<FileEntry>;
}

const READ_ONLY: FilePermissions = {
  read: true,
  write: false,
  create: false,
  delete: false,
  rename: false,
  share: false,
};
const DROP_ONLY: FilePermissions = {
  read: false,
  write: false,
  create: true,
  delete: false,
  rename: false,
  share: false,
};

type LinkRow = typeof fileShareLinks.$inferSelect;

function tokenPurpose(linkId: string): string {
  return `file_share_token:${linkId}`;
}

/** Today on the Europe/Paris calendar, as YYYY-MM-DD (an expiry date is a French calendar day). */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

function checkExpiry(expiresOn: string | undefined): string | null {
  if (expiresOn === undefined) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiresOn);
  const parsed = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!parsed || parsed.toISOString().slice(0, 10) !== expiresOn)
    throw new AppError("BAD_REQUEST", { userMessage: "expiresOn must be a date written YYYY-MM-DD" });
  if (expiresOn < parisToday()) throw new AppError("BAD_REQUEST", { userMessage: "the expiry date is in the past" });
  return expiresOn;
}

function notFoundLink(): AppError {
  return new AppError("NOT_FOUND", { userMessage: "this link does not exist or no longer works" });
}

export interface LocalSharesDeps {
  db: () => Promise<Database>;
  portalUrl: () => string;
  ops: OwnerFileOps;
}

export function createLocalShares({ db, portalUrl, ops }: LocalSharesDeps) {
  function toLink(row: LinkRow, nodePath: string): ShareLink {
    const token = portalSecretBox().open(row.tokenEnc, tokenPurpose(row.id));
    return {
      id: row.id,
      path: nodePath as UserPath,
      token,
      url: `${portalUrl()}/s/${token}`,
      access: row.access,
      hasPassword: row.passwordHash !== null,
      expiresOn: row.expiresOn,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** The shared node, live; NOT_FOUND otherwise (trashed, purged). */
  async function sharedNode(database: Database, link: LinkRow): Promise<NodeRow> {
    const [node] = await database
      .select()
      .from(fileNodes)
      .where(and(eq(fileNodes.id, link.nodeId), isNull(fileNodes.trashId)));
    if (!node) throw notFoundLink();
    return node;
  }

  /** Opens a link for its recipient: every call re-checks that the link still works. */
  function publicShare(
    database: Database,
    linkId: string,
    signal?: AbortSignal,
  ): (root: NodeRow, link: LinkRow) => PublicShare {
    async function current(): Promise<{ link: LinkRow; node: NodeRow }> {
      const [link] = await database.select().from(fileShareLinks).where(eq(fileShareLinks.id, linkId));
      if (!link || link.revokedAt !== null || (link.expiresOn !== null && link.expiresOn < parisToday()))
        throw notFoundLink();
      return { link, node: await sharedNode(database, link) };
    }
    const toOwnerPath = (node: NodeRow, relative: UserPath) => rebase(relative, "/" as UserPath, node.path as UserPath);
    const toRelative = (node: NodeRow, entry: FileEntry): FileEntry => ({
      ...entry,
      path: rebase(entry.path, node.path as UserPath, "/" as UserPath),
      permissions: READ_ONLY,
      favourite: false,
    });

    return (root, link) => ({
      access: link.access,
      root: {
        ...toEntry(root, link.access === "read" ? READ_ONLY : DROP_ONLY, "/" as UserPath),
        favourite: false,
      },
      async list(folder) {
        const { link: now, node } = await current();
        if (now.access !== "read") throw new AppError("FORBIDDEN", { userMessage: "this link only accepts uploads" });
        if (node.kind !== "folder")
          throw new AppError("BAD_REQUEST", { userMessage: "this link shares a single file" });
        const entries = await ops.list(node.ownerId, toOwnerPath(node, folder), signal);
        return entries.map((entry) => toRelative(node, entry));
      },
      async read(target, range) {
        const { link: now, node } = await current();
        if (now.access !== "read") throw new AppError("FORBIDDEN", { userMessage: "this link only accepts uploads" });
        if (node.kind === "file" && target !== "/")
          throw new AppError("NOT_FOUND", { userMessage: `"${target}" does not exist` });
        return ops.read(node.ownerId, toOwnerPath(node, target), range);
      },
      async write(target, body, options = {}) {
        const { link: now, node } = await current();
        if (now.access !== "upload")
          throw new AppError("FORBIDDEN", { userMessage: "this link does not accept uploads" });
        const names = segmentsOf(target);
        if (names.length !== 1)
          throw new AppError("BAD_REQUEST", { userMessage: "files are dropped directly into the shared folder" });
        // Never overwrite, and never reveal what is there: a taken name becomes "name (2).ext".
        const name = await freeName(database, node, parseFileName(names[0] as string));
        const entry = await ops.write(
          node.ownerId,
          joinUserPath(node.path as UserPath, name),
          body,
          { size: options.size, overwrite: false },
          signal,
        );
        return { ...toRelative(node, entry), permissions: DROP_ONLY };
      },
    });
  }

  async function freeName(database: Database, folder: NodeRow, wanted: string): Promise<string> {
    const dot = wanted.lastIndexOf(".");
    const [stem, extension] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ""];
    for (let attempt = 1; attempt <= 100; attempt += 1) {
      const name = attempt === 1 ? wanted : `${stem} (${attempt})${extension}`;
      if (!(await findLive(database, folder.ownerId, joinUserPath(folder.path as UserPath, name)))) return name;
    }
    throw new AppError("CONFLICT", { userMessage: "too many files of this name; rename yours and try again" });
  }

  return {
    async createShareLink(context: StorageContext, target: UserPath, input: ShareLinkInput): Promise<ShareLink> {
      if (target === "/") throw new AppError("BAD_REQUEST", { userMessage: "the top folder itself cannot be shared" });
      if (input.access !== "read" && input.access !== "upload")
        throw new AppError("BAD_REQUEST", { userMessage: "access must be read or upload" });
      if (input.password !== undefined && input.password.length === 0)
        throw new AppError("BAD_REQUEST", { userMessage: "the password cannot be empty" });
      const expiresOn = checkExpiry(input.expiresOn);
      const database = await db();
      const node = await requireLive(database, context.user.id, target);
      if (input.access === "upload" && node.kind !== "folder")
        throw new AppError("BAD_REQUEST", { userMessage: "upload links are for folders" });
      const id = randomUUID();
      const token = newShareToken();
      const [row] = await database
        .insert(fileShareLinks)
        .values({
          id,
          ownerId: context.user.id,
          nodeId: node.id,
          tokenHash: hashShareToken(token),
          tokenEnc: portalSecretBox().seal(token, tokenPurpose(id)),
          access: input.access,
          passwordHash: input.password === undefined ? null : await hashSharePassword(input.password),
          expiresOn,
        })
        .returning();
      return toLink(row as LinkRow, node.path);
    },

    async listShareLinks(context: StorageContext, target?: UserPath): Promise<ShareLink[]> {
      const database = await db();
      const conditions = [
        eq(fileShareLinks.ownerId, context.user.id),
        isNull(fileShareLinks.revokedAt),
        isNull(fileNodes.trashId),
      ];
      if (target !== undefined) {
        const node = await requireLive(database, context.user.id, target);
        conditions.push(eq(fileShareLinks.nodeId, node.id));
      }
      const rows = await database
        .select({ link: fileShareLinks, path: fileNodes.path })
        .from(fileShareLinks)
        .innerJoin(fileNodes, eq(fileNodes.id, fileShareLinks.nodeId))
        .where(and(...conditions))
        .orderBy(desc(fileShareLinks.createdAt));
      return rows.map(({ link, path }) => toLink(link, path));
    },

    async revokeShareLink(context: StorageContext, shareId: string): Promise<void> {
      if (!isUuid(shareId)) throw new AppError("NOT_FOUND", { userMessage: "this link does not exist" });
      const database = await db();
      const revoked = await database
        .update(fileShareLinks)
        .set({ revokedAt: sql`now()` })
        .where(
          and(
            eq(fileShareLinks.id, shareId),
            eq(fileShareLinks.ownerId, context.user.id),
            isNull(fileShareLinks.revokedAt),
          ),
        )
        .returning({ id: fileShareLinks.id });
      if (revoked.length === 0) throw new AppError("NOT_FOUND", { userMessage: "this link does not exist" });
    },

    async openShareLink(token: string, password: string | undefined, signal?: AbortSignal): Promise<PublicShare> {
      if (typeof token !== "string" || !isShareTokenShape(token)) throw notFoundLink();
      const database = await db();
      const [link] = await database
        .select()
        .from(fileShareLinks)
        .where(eq(fileShareLinks.tokenHash, hashShareToken(token)));
      if (!link || link.revokedAt !== null || (link.expiresOn !== null && link.expiresOn < parisToday()))
        throw notFoundLink();
      const node = await sharedNode(database, link);
      if (link.passwordHash !== null) {
        if (password === undefined || password.length === 0)
          throw new AppError("UNAUTHENTICATED", { userMessage: "this link is protected by a password" });
        if (!(await verifySharePassword(password, link.passwordHash)))
          throw new AppError("UNAUTHENTICATED", { userMessage: "wrong password" });
      }
      return publicShare(database, link.id, signal)(node, link);
    },
  };
}
