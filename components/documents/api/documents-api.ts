/** The calls the documents UI makes, one function each, all through fetchJson. */
import { fetchJson } from "@/components/documents/api/fetch-json";
import type {
  DocumentListItem,
  DocumentListTab,
  DocumentMember,
  PersonMatch,
  ShareLink,
  ShareableRole,
  TemplateDescription,
} from "@/components/documents/api/types";

const base = "/api/documents";
const id = (documentId: string) => `${base}/${encodeURIComponent(documentId)}`;

export const documentsApi = {
  list: (tab: DocumentListTab) =>
    fetchJson<{ documents: DocumentListItem[] }>(`${base}?tab=${tab}`).then((answer) => answer.documents),
  create: (body: { title?: string; templateId?: string; fields?: Record<string, string> }) =>
    fetchJson<{ document: { id: string; title: string } }>(base, { method: "POST", body }).then((a) => a.document),
  rename: (documentId: string, title: string) =>
    fetchJson<unknown>(id(documentId), { method: "PATCH", body: { title } }),
  remove: (documentId: string) => fetchJson<void>(id(documentId), { method: "DELETE" }),
  restore: (documentId: string) => fetchJson<void>(`${id(documentId)}/restore`, { method: "POST" }),
  templates: () => fetchJson<{ templates: TemplateDescription[] }>(`${base}/templates`).then((a) => a.templates),
  members: (documentId: string) =>
    fetchJson<{ members: DocumentMember[] }>(`${id(documentId)}/members`).then((a) => a.members),
  share: (documentId: string, userId: string, role: ShareableRole) =>
    fetchJson<{ members: DocumentMember[] }>(`${id(documentId)}/members`, {
      method: "POST",
      body: { userId, role },
    }).then((a) => a.members),
  changeRole: (documentId: string, userId: string, role: ShareableRole) =>
    fetchJson<unknown>(`${id(documentId)}/members/${encodeURIComponent(userId)}`, { method: "PATCH", body: { role } }),
  unshare: (documentId: string, userId: string) =>
    fetchJson<void>(`${id(documentId)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" }),
  people: (query: string) =>
    fetchJson<{ people: PersonMatch[] }>(`${base}/people?q=${encodeURIComponent(query)}`).then((a) => a.people),
  links: (documentId: string) => fetchJson<{ links: ShareLink[] }>(`${id(documentId)}/links`).then((a) => a.links),
  createLink: (documentId: string, role: ShareableRole) =>
    fetchJson<{ link: ShareLink & { token: string } }>(`${id(documentId)}/links`, {
      method: "POST",
      body: { role },
    }).then((a) => a.link),
  revokeLink: (documentId: string, linkId: string) =>
    fetchJson<void>(`${id(documentId)}/links/${encodeURIComponent(linkId)}`, { method: "DELETE" }),
  acceptLink: (token: string) =>
    fetchJson<{ documentId: string; role: string }>(`${base}/links/accept`, { method: "POST", body: { token } }),
};

/** The address a share link opens: the token is in the fragment, which browsers never send to a server or in a Referer. */
export function shareLinkUrl(token: string): string {
  return `${window.location.origin}/documents/link#${token}`;
}
