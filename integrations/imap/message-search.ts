/**
 * Server-side SEARCH (the server's index does the work; nothing is downloaded to filter): by
 * sender, recipient, subject, body text and date range, newest first, capped at `limit`.
 */
import type { ImapFlow, SearchObject } from "imapflow";
import type { SearchResult } from "@/components/mail/api/types";
import { fetchSummaries } from "./message-list";

export interface MailSearchCriteria {
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  /** YYYY-MM-DD, inclusive. */
  since?: string;
  /** YYYY-MM-DD, exclusive. */
  before?: string;
}

export function toSearchObject(criteria: MailSearchCriteria): SearchObject {
  const query: SearchObject = {};
  if (criteria.from) query.from = criteria.from;
  if (criteria.to) query.to = criteria.to;
  if (criteria.subject) query.subject = criteria.subject;
  if (criteria.text) query.text = criteria.text;
  if (criteria.since) query.since = new Date(`${criteria.since}T00:00:00Z`);
  if (criteria.before) query.before = new Date(`${criteria.before}T00:00:00Z`);
  return query;
}

export async function searchMessages(
  client: ImapFlow,
  folder: string,
  criteria: MailSearchCriteria,
  limit: number,
): Promise<SearchResult> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const found = await client.search(toSearchObject(criteria), { uid: true });
    const uids = (Array.isArray(found) ? found : []).sort((a, b) => b - a);
    const picked = uids.slice(0, limit);
    const messages = picked.length ? await fetchSummaries(client, folder, picked.join(","), true) : [];
    messages.sort((a, b) => b.uid - a.uid);
    return { folder, messages, truncated: uids.length > limit, totalMatches: uids.length };
  } finally {
    lock.release();
  }
}
