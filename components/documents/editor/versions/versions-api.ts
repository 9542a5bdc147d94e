/**
 * The version history API (app/api/documents/[id]/versions/**, served by the collaboration
 * module): list, name the current state, read a past version as tiptap JSON, restore one (a new
 * change everyone connected sees).
 */
import type { JSONContent } from "@tiptap/core";
import { fetchJson } from "@/components/documents/api/fetch-json";

export interface VersionSummary {
  id: string;
  kind: "auto" | "named" | "before-restore";
  name: string | null;
  createdAt: string;
  createdByName?: string | null;
}

const versionsPath = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/versions`;

export const versionsApi = {
  list: (documentId: string) =>
    fetchJson<{ versions: VersionSummary[] }>(versionsPath(documentId)).then((answer) => answer.versions),
  create: (documentId: string, name: string) =>
    fetchJson<unknown>(versionsPath(documentId), { method: "POST", body: { name } }),
  read: (documentId: string, versionId: string) =>
    fetchJson<{ content: JSONContent }>(`${versionsPath(documentId)}/${encodeURIComponent(versionId)}`).then(
      (answer) => answer.content,
    ),
  restore: (documentId: string, versionId: string) =>
    fetchJson<unknown>(`${versionsPath(documentId)}/${encodeURIComponent(versionId)}/restore`, { method: "POST" }),
};
