/**
 * Changing messages: flags, move (MOVE, or COPY+EXPUNGE where the server lacks it — imapflow
 * picks), delete to Trash (a move; only inside Trash are messages expunged for good), archive and
 * junk (moves to the special-use folder). Works on a list of UIDs in one command each.
 */
import type { ImapFlow } from "imapflow";
import type { MessageFlag, MessagesAction, MessagesActionResult, SpecialUse } from "@/components/mail/api/types";
import { AppError } from "@/server/errors";
import { folderWithRole } from "./folders";

const IMAP_FLAG: Record<MessageFlag, string> = {
  seen: "\\Seen",
  flagged: "\\Flagged",
  answered: "\\Answered",
  draft: "\\Draft",
  forwarded: "$Forwarded",
};

async function roleFolder(client: ImapFlow, role: SpecialUse): Promise<string> {
  const path = await folderWithRole(client, role);
  if (!path) throw new AppError("CONFLICT", { userMessage: `this mailbox has no ${role} folder` });
  return path;
}

export async function applyAction(
  client: ImapFlow,
  folder: string,
  uids: readonly number[],
  action: MessagesAction,
): Promise<MessagesActionResult> {
  const range = uids.join(",");
  let destination: string | null = null;
  if (action.type === "move") destination = action.to;
  else if (action.type === "archive") destination = await roleFolder(client, "archive");
  else if (action.type === "junk") destination = await roleFolder(client, "junk");
  else if (action.type === "trash") destination = await roleFolder(client, "trash");

  const lock = await client.getMailboxLock(folder);
  try {
    if (action.type === "flags") {
      const add = (action.add ?? []).map((flag) => IMAP_FLAG[flag]);
      const remove = (action.remove ?? []).map((flag) => IMAP_FLAG[flag]);
      if (add.length) await client.messageFlagsAdd(range, add, { uid: true });
      if (remove.length) await client.messageFlagsRemove(range, remove, { uid: true });
      return { destination: null, uidMap: {}, expunged: false };
    }
    if (destination === null) throw new AppError("BAD_REQUEST", { userMessage: "unknown action" });
    if (action.type === "trash" && destination === folder) {
      await client.messageDelete(range, { uid: true });
      return { destination: null, uidMap: {}, expunged: true };
    }
    if (destination === folder) return { destination, uidMap: {}, expunged: false };
    const exists = (await client.list()).some((entry) => entry.path === destination);
    if (!exists) throw new AppError("NOT_FOUND", { userMessage: "no such destination folder" });
    const moved = await client.messageMove(range, destination, { uid: true });
    const uidMap: Record<string, number> = {};
    if (moved && moved.uidMap) for (const [from, to] of moved.uidMap) uidMap[String(from)] = to;
    return { destination, uidMap, expunged: false };
  } finally {
    lock.release();
  }
}
