/**
 * The user's folders with unread and total counts in ONE round trip where the server has
 * LIST-STATUS (Dovecot, BlueMind's Cyrus), else LIST then STATUS per folder in parallel (imapflow
 * does that fallback). Special-use roles come from RFC 6154 attributes, else from the usual names.
 */
import type { ImapFlow, ListResponse } from "imapflow";
import type { MailFolder, SpecialUse } from "@/components/mail/api/types";

const ROLE_BY_ATTRIBUTE: Record<string, SpecialUse> = {
  "\\inbox": "inbox",
  "\\drafts": "drafts",
  "\\sent": "sent",
  "\\trash": "trash",
  "\\archive": "archive",
  "\\junk": "junk",
};

const ORDER: Record<SpecialUse, number> = { inbox: 0, drafts: 1, sent: 2, archive: 3, junk: 4, trash: 5 };

export function folderRole(entry: Pick<ListResponse, "specialUse" | "path">): SpecialUse | null {
  if (entry.path.toUpperCase() === "INBOX") return "inbox";
  return entry.specialUse ? (ROLE_BY_ATTRIBUTE[entry.specialUse.toLowerCase()] ?? null) : null;
}

export async function listFolders(client: ImapFlow): Promise<MailFolder[]> {
  const entries = await client.list({ statusQuery: { messages: true, unseen: true } });
  const folders = entries.map((entry): MailFolder => {
    const selectable = !entry.flags.has("\\Noselect") && !entry.flags.has("\\NonExistent");
    return {
      path: entry.path,
      name: entry.name,
      parent: entry.parentPath || null,
      delimiter: entry.delimiter || "/",
      specialUse: folderRole(entry),
      unread: entry.status?.unseen ?? 0,
      total: entry.status?.messages ?? 0,
      selectable,
    };
  });
  return folders.sort((a, b) => {
    const ra = a.specialUse ? ORDER[a.specialUse] : 10;
    const rb = b.specialUse ? ORDER[b.specialUse] : 10;
    return ra - rb || a.path.localeCompare(b.path);
  });
}

/** The path of the folder with this role, or null when the account has none. */
export async function folderWithRole(client: ImapFlow, role: SpecialUse): Promise<string | null> {
  if (role === "inbox") return "INBOX";
  const entries = await client.list();
  return entries.find((entry) => folderRole(entry) === role)?.path ?? null;
}
