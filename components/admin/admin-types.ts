/**
 * What the administration API answers (app/api/admin): the one definition shared by the server
 * code that builds the answers (server/admin/) and the page that reads them.
 */

export interface AuditEvent {
  seq: number;
  at: string;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  outcome: "success" | "failure";
  ip: string | null;
  userAgent: string | null;
  details: Record<string, string | number | boolean | null>;
}

export interface AuditPage {
  events: AuditEvent[];
  nextBefore: number | null;
}

export type ChainVerdict =
  { ok: true; rows: number; lastHash: string } | { ok: false; rows: number; brokenAt: number; reason: string };

export interface AdminUser {
  id: string;
  displayName: string;
  email: string | null;
  rpps: string | null;
  profession: string | null;
  isAdmin: boolean;
  liveSessions: number;
  lastSeenAt: string | null;
}
