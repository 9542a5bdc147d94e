/** What the documents API answers (app/api/documents/**), as the browser sees it. */
export type DocumentRole = "reader" | "commenter" | "editor" | "owner";
export type ShareableRole = Exclude<DocumentRole, "owner">;
export const SHAREABLE_ROLES: readonly ShareableRole[] = ["reader", "commenter", "editor"];
export type DocumentListTab = "mine" | "shared" | "recent";

export interface DocumentListItem {
  id: string;
  title: string;
  role: DocumentRole;
  ownerName: string;
  updatedAt: string;
  lastOpenedAt: string | null;
}

export interface DocumentMember {
  userId: string;
  displayName: string;
  email: string | null;
  role: DocumentRole;
}

export interface PersonMatch {
  userId: string;
  displayName: string;
  email: string | null;
  profession: string | null;
}

export interface ShareLink {
  id: string;
  role: ShareableRole;
  createdAt: string;
  token?: string;
}

export interface TemplateDescription {
  id: string;
  name: string;
  description: string;
  fields: Array<{ id: string; kind: "text" | "multiline" | "date"; required?: boolean; label: string }>;
}
