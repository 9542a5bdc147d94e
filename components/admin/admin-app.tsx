"use client";
/**
 * The client part of /admin: the audit log and the people panel, sharing the audit filters so
 * that "show this person's events" in the people panel filters the log and scrolls to it.
 */
import { useState } from "react";
import { PortalQueryProvider } from "@/components/query/portal-query-provider";
import { AuditLogPanel } from "@/components/admin/audit-log-panel";
import { EMPTY_AUDIT_FORM, toAuditFilters, type AuditFormValues } from "@/components/admin/audit-form";
import type { AuditFilters } from "@/components/admin/admin-api";
import { PeoplePanel } from "@/components/admin/people-panel";

export function AdminApp({ actions }: { actions: readonly string[] }) {
  const [auditForm, setAuditForm] = useState<{ values: AuditFormValues; applied: AuditFilters }>({
    values: EMPTY_AUDIT_FORM,
    applied: {},
  });
  return (
    <PortalQueryProvider staleTimeMs={0}>
      <div id="admin-audit">
        <AuditLogPanel actions={actions} form={auditForm} onFormChange={setAuditForm} />
      </div>
      <PeoplePanel
        onShowEvents={(user) => {
          const values = { ...EMPTY_AUDIT_FORM, actor: user.id };
          setAuditForm({ values, applied: toAuditFilters(values) });
          document.getElementById("admin-audit")?.scrollIntoView({ behavior: "smooth", block: "start" });
        }}
      />
    </PortalQueryProvider>
  );
}
