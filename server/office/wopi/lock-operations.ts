/**
 * Lock, UnlockAndRelock, RefreshLock, Unlock and GetLock (POST /wopi/files/{id} with
 * X-WOPI-Override LOCK / REFRESH_LOCK / UNLOCK / GET_LOCK), exactly as the WOPI table says; the
 * atomic compare-and-set is in locks.ts. Lock ids are checked here: present, at most 1024
 * characters. Every answer carries X-WOPI-ItemVersion, which lock operations never change.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { MAX_LOCK_ID_LENGTH, type LockOutcome } from "@/server/office/wopi/locks";
import { header, sendLockConflict, sendOk } from "@/server/office/wopi/wopi-http";
import { canWrite, type WopiOperationContext } from "@/server/office/wopi/wopi-operation";

function lockIdFrom(context: WopiOperationContext, name: "x-wopi-lock" | "x-wopi-oldlock"): string {
  const value = header(context.req, name);
  if (value === undefined || value === "")
    throw new AppError("BAD_REQUEST", {
      userMessage: `${name === "x-wopi-lock" ? "X-WOPI-Lock" : "X-WOPI-OldLock"} is required`,
    });
  if (value.length > MAX_LOCK_ID_LENGTH)
    throw new AppError("BAD_REQUEST", { userMessage: `a lock id is limited to ${MAX_LOCK_ID_LENGTH} characters` });
  return value;
}

function requireEdit(context: WopiOperationContext): void {
  if (!canWrite(context))
    throw new AppError("UNAUTHENTICATED", { userMessage: "this access token does not allow editing" });
}

function answer(context: WopiOperationContext, outcome: LockOutcome, reason: string): void {
  if (outcome.ok) sendOk(context.res, { "x-wopi-itemversion": context.file.etag });
  else sendLockConflict(context.res, outcome.current, outcome.current === "" ? "the file is not locked" : reason);
}

/** LOCK: with X-WOPI-OldLock it is UnlockAndRelock. */
export async function lockOrRelock(context: WopiOperationContext): Promise<void> {
  requireEdit(context);
  const lockId = lockIdFrom(context, "x-wopi-lock");
  const { file, user, locks } = context;
  if (header(context.req, "x-wopi-oldlock") !== undefined) {
    const oldLockId = lockIdFrom(context, "x-wopi-oldlock");
    answer(
      context,
      await locks.unlockAndRelock(file.id, oldLockId, lockId, user.id),
      "X-WOPI-OldLock does not match the lock",
    );
    return;
  }
  answer(context, await locks.lock(file.id, lockId, user.id), "the file is locked by another session");
}

export async function refreshLock(context: WopiOperationContext): Promise<void> {
  requireEdit(context);
  const lockId = lockIdFrom(context, "x-wopi-lock");
  answer(context, await context.locks.refresh(context.file.id, lockId, context.user.id), "the lock id does not match");
}

export async function unlock(context: WopiOperationContext): Promise<void> {
  requireEdit(context);
  const lockId = lockIdFrom(context, "x-wopi-lock");
  answer(context, await context.locks.unlock(context.file.id, lockId), "the lock id does not match");
}

export async function getLock(context: WopiOperationContext): Promise<void> {
  sendOk(context.res, {
    "x-wopi-lock": await context.locks.current(context.file.id),
    "x-wopi-itemversion": context.file.etag,
  });
}
