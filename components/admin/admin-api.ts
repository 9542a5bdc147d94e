/**
 * The /admin page's calls to the administration API (app/api/admin), through the portal's one
 * fetch helper (errors arrive as ApiError with the portal's code). Types mirror the server's
 * answers (server/admin/*): components never import server code.
 */
import { apiUrl, fetchJson } from "@/components/files/api/fetch-json";
import type { AdminUser, AuditPage, ChainVerdict } from "@/components/admin/admin-types";

export type { AdminUser, AuditEvent, AuditPage, ChainVerdict } from "@/components/admin/admin-types";

export interface AuditFilters {
  action?: string | undefined;
  actor?: string | undefined;
  target?: string | undefined;
  outcome?: "success" | "failure" | undefined;
  /** Instants (ISO 8601), already turned from days in Europe/Paris. */
  from?: string | undefined;
  to?: string | undefined;
}

function filterParams(filters: AuditFilters): Record<string, string | undefined> {
  return { ...filters };
}

export function listAudit(filters: AuditFilters, before: number | null, signal?: AbortSignal): Promise<AuditPage> {
  return fetchJson(
    apiUrl("/api/admin/audit", { ...filterParams(filters), before: before === null ? undefined : String(before) }),
    { signal },
  );
}

export function auditExportUrl(filters: AuditFilters): string {
  return apiUrl("/api/admin/audit/export", filterParams(filters));
}

export function verifyAudit(): Promise<ChainVerdict> {
  return fetchJson("/api/admin/audit/verify", { method: "POST", body: {} });
}

export async function findUsers(query: string, signal?: AbortSignal): Promise<AdminUser[]> {
  return (await fetchJson<{ users: AdminUser[] }>(apiUrl("/api/admin/users", { q: query }), { signal })).users;
}

export function revokeUserSessions(userId: string): Promise<{ revoked: number }> {
  return fetchJson(`/api/admin/users/${encodeURIComponent(userId)}/sessions`, { method: "DELETE" });
}
