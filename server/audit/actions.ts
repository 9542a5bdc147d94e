/**
 * Every audit action the portal records. Modules add theirs here so the list stays reviewable in
 * one place (security officers read it).
 */
import "server-only";

export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.session_revoked",
  "auth.sessions_revoked_all",
  "auth.backchannel_logout",
  "auth.identity_link_requested",
  "auth.identity_linked",
  "admin.action",
  "files.deleted",
  "files.share_created",
  "files.share_revoked",
  "files.nextcloud_connected",
  "files.nextcloud_disconnected",
  "documents.shared",
  "documents.unshared",
  "documents.link_created",
  "documents.link_revoked",
  "documents.link_accepted",
  "documents.deleted",
  "documents.restored",
  "documents.imported",
  "documents.exported",
  "documents.version_created",
  "documents.version_restored",
  "embed.client_auth_failed",
  "embed.session_created",
  "embed.session_launched",
  "embed.launch_refused",
  "embed.session_opened",
  "embed.document_saved",
  "embed.session_closed",
  "embed.session_cancelled",
  "embed.document_accessed",
  "embed.document_exported",
  "office.onlyoffice_saved",
  "office.onlyoffice_save_failed",
  "office.onlyoffice_callback_refused",
  "office.converted",
  "office.created",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
