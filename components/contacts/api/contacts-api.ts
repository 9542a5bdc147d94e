/**
 * The contacts page's calls to the contacts API (app/api/contacts), through the one fetch helper
 * (errors arrive as ApiError with the portal's code: GROUPWARE_NOT_CONNECTED, CONFLICT…).
 */
import { apiUrl, fetchJson } from "@/components/files/api/fetch-json";
import type { Contact, ContactFields } from "@/components/contacts/contact-types";

export function listContacts(query: string, signal?: AbortSignal): Promise<{ contacts: Contact[] }> {
  return fetchJson(apiUrl("/api/contacts", { q: query.trim() || undefined }), { signal });
}

export async function createContact(fields: ContactFields): Promise<Contact> {
  return (await fetchJson<{ contact: Contact }>("/api/contacts", { method: "POST", body: fields })).contact;
}

export async function updateContact(contact: Contact, fields: ContactFields): Promise<Contact> {
  const url = `/api/contacts/${encodeURIComponent(contact.id)}`;
  return (await fetchJson<{ contact: Contact }>(url, { method: "PUT", body: { ...fields, etag: contact.etag } }))
    .contact;
}

export function deleteContact(contact: Contact): Promise<void> {
  return fetchJson(apiUrl(`/api/contacts/${encodeURIComponent(contact.id)}`, { etag: contact.etag }), {
    method: "DELETE",
  });
}

/**
 * Where "write a message" goes: the mail module's compose window, addressed
 * (/mail?compose=to:<address>[,<address>…], the mail page's contract), or mailto: without it.
 */
export function composeHref(emails: string | string[], mailEnabled: boolean): string {
  const list = (Array.isArray(emails) ? emails : [emails]).join(",");
  return mailEnabled
    ? `/mail?compose=${encodeURIComponent(`to:${list}`)}`
    : `mailto:${list.split(",").map(encodeURIComponent).join(",")}`;
}
