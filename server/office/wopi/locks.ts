/**
 * WOPI locks, kept in the database (wopi_locks) so that every portal process agrees on them.
 * Each operation is ONE statement that compares and sets (an upsert with a condition, an UPDATE …
 * WHERE, a DELETE … WHERE, each with RETURNING), so two processes racing on the same file cannot
 * both win: PostgreSQL (and PGlite) serialise the row.
 *
 * The rules (WOPI "Lock", "UnlockAndRelock", "RefreshLock", "Unlock", "GetLock"):
 *   - lock ids are opaque strings compared byte-exactly (PostgreSQL text equality under a
 *     deterministic collation is byte equality), at most 1024 characters (SupportsExtendedLockLength);
 *   - a lock expires 30 minutes after it was taken or refreshed: an expired lock is as no lock;
 *   - on a conflict the caller answers 409 with the CURRENT lock id (`""` when there is none).
 *
 * The clock is the caller's (`now`), so tests can move it and expiry is checked the same way on
 * every process (with the usual assumption of synchronised server clocks).
 */
import "server-only";
import { and, eq, gt, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { wopiLocks } from "@/server/office/schema";

export const LOCK_TTL_MS = 30 * 60 * 1000;
export const MAX_LOCK_ID_LENGTH = 1024;

/** Success, or a conflict with the lock currently held (`""` when unlocked). */
export type LockOutcome = { ok: true } | { ok: false; current: string };

export interface WopiLocks {
  lock(fileId: string, lockId: string, userId: string): Promise<LockOutcome>;
  unlockAndRelock(fileId: string, oldLockId: string, newLockId: string, userId: string): Promise<LockOutcome>;
  refresh(fileId: string, lockId: string, userId: string): Promise<LockOutcome>;
  unlock(fileId: string, lockId: string): Promise<LockOutcome>;
  /** The live lock id, or `""`. */
  current(fileId: string): Promise<string>;
  /** Forgets the lock of a deleted file. */
  clear(fileId: string): Promise<void>;
}

export function createWopiLocks(options: { db: () => Promise<Database>; now: () => number }): WopiLocks {
  const live = (fileId: string) => and(eq(wopiLocks.fileId, fileId), gt(wopiLocks.expiresAt, new Date(options.now())));
  const expiry = () => new Date(options.now() + LOCK_TTL_MS);

  async function current(fileId: string): Promise<string> {
    const [row] = await (
      await options.db()
    )
      .select({ lockId: wopiLocks.lockId })
      .from(wopiLocks)
      .where(live(fileId))
      .limit(1);
    return row?.lockId ?? "";
  }

  const conflict = async (fileId: string): Promise<LockOutcome> => ({ ok: false, current: await current(fileId) });

  return {
    current,

    async lock(fileId, lockId, userId) {
      const nowDate = new Date(options.now());
      // Taken when free or expired; the same id again is a refresh; another live id is a conflict.
      const taken = await (
        await options.db()
      )
        .insert(wopiLocks)
        .values({ fileId, lockId, expiresAt: expiry(), lockedBy: userId })
        .onConflictDoUpdate({
          target: wopiLocks.fileId,
          set: {
            lockId: sql`excluded.lock_id`,
            expiresAt: sql`excluded.expires_at`,
            lockedBy: sql`excluded.locked_by`,
            updatedAt: sql`now()`,
          },
          setWhere: or(lte(wopiLocks.expiresAt, nowDate), eq(wopiLocks.lockId, lockId)),
        })
        .returning({ fileId: wopiLocks.fileId });
      return taken.length === 1 ? { ok: true } : conflict(fileId);
    },

    async unlockAndRelock(fileId, oldLockId, newLockId, userId) {
      const replaced = await (
        await options.db()
      )
        .update(wopiLocks)
        .set({ lockId: newLockId, expiresAt: expiry(), lockedBy: userId, updatedAt: sql`now()` })
        .where(and(live(fileId), eq(wopiLocks.lockId, oldLockId)))
        .returning({ fileId: wopiLocks.fileId });
      return replaced.length === 1 ? { ok: true } : conflict(fileId);
    },

    async refresh(fileId, lockId, userId) {
      const refreshed = await (
        await options.db()
      )
        .update(wopiLocks)
        .set({ expiresAt: expiry(), lockedBy: userId, updatedAt: sql`now()` })
        .where(and(live(fileId), eq(wopiLocks.lockId, lockId)))
        .returning({ fileId: wopiLocks.fileId });
      return refreshed.length === 1 ? { ok: true } : conflict(fileId);
    },

    async unlock(fileId, lockId) {
      const removed = await (
        await options.db()
      )
        .delete(wopiLocks)
        .where(and(live(fileId), eq(wopiLocks.lockId, lockId)))
        .returning({ fileId: wopiLocks.fileId });
      return removed.length === 1 ? { ok: true } : conflict(fileId);
    },

    async clear(fileId) {
      await (await options.db()).delete(wopiLocks).where(eq(wopiLocks.fileId, fileId));
    },
  };
}
