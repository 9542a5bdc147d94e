"use client";
/**
 * The audit log for administrators: filters (action, outcome, period in Europe/Paris days, person,
 * object), the events newest first with "show older" paging by seq, a CSV export of the same
 * filters, and a button that re-verifies the whole hash chain on the server.
 *
 * Filters apply when the form is submitted (not at each keystroke): each query reads the log's
 * indexes, and an administrator typing an id would otherwise fire a query per character.
 */
import { useState, type FormEvent } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { AdminSection } from "@/components/admin/admin-section";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";
import { auditExportUrl, listAudit, verifyAudit, type AuditFilters } from "@/components/admin/admin-api";
import { EMPTY_AUDIT_FORM, toAuditFilters, type AuditFormValues } from "@/components/admin/audit-form";
import { TIME_ZONE } from "@/i18n/locales";

const AUDIT_COLUMNS = ["at", "action", "actor", "target", "outcome", "ip"] as const;

export function AuditLogPanel({
  actions,
  form,
  onFormChange,
}: {
  /** Every audit action the portal records (server/audit/actions.ts), for the filter. */
  actions: readonly string[];
  /** Controlled so that the people panel can set the person filter. */
  form: { values: AuditFormValues; applied: AuditFilters };
  onFormChange: (next: { values: AuditFormValues; applied: AuditFilters }) => void;
}) {
  const t = useTranslations("admin.audit");
  const format = useFormatter();
  const [verdictText, setVerdictText] = useState("");
  const { values, applied } = form;

  const log = useInfiniteQuery({
    queryKey: ["admin", "audit", applied],
    queryFn: ({ pageParam, signal }) => listAudit(applied, pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
    staleTime: 0,
  });
  const verify = useMutation({
    mutationFn: verifyAudit,
    onSuccess: (verdict) =>
      setVerdictText(
        verdict.ok
          ? t("verifiedOk", { rows: verdict.rows })
          : t("verifiedBroken", { seq: verdict.brokenAt, reason: verdict.reason }),
      ),
    onError: (error) => setVerdictText(t("verifyFailed", { message: error.message })),
  });

  const events = log.data?.pages.flatMap((page) => page.events) ?? [];
  const set = (field: keyof AuditFormValues, value: string) =>
    onFormChange({ values: { ...values, [field]: value }, applied });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onFormChange({ values, applied: toAuditFilters(values) });
  };
  const field = "rounded border border-border-strong bg-surface px-2 py-1 text-sm text-fg";

  return (
    <AdminSection title={t("title")} intro={t("intro")}>
      <form onSubmit={submit} aria-label={t("filters")} className="grid gap-2 sm:grid-cols-3 lg:grid-cols-6">
        <label className="flex flex-col gap-1 text-sm text-fg">
          {t("action")}
          <select className={field} value={values.action} onChange={(e) => set("action", e.target.value)}>
            <option value="">{t("anyAction")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm text-fg">
          {t("outcome")}
          <select className={field} value={values.outcome} onChange={(e) => set("outcome", e.target.value)}>
            <option value="">{t("anyOutcome")}</option>
            <option value="success">{t("success")}</option>
            <option value="failure">{t("failure")}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm text-fg">
          {t("from")}
          <input
            type="date"
            className={field}
            value={values.fromDay}
            onChange={(e) => set("fromDay", e.target.value)}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm text-fg">
          {t("to")}
          <input type="date" className={field} value={values.toDay} onChange={(e) => set("toDay", e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm text-fg">
          {t("actor")}
          <input className={field} value={values.actor} onChange={(e) => set("actor", e.target.value)} maxLength={36} />
        </label>
        <label className="flex flex-col gap-1 text-sm text-fg">
          {t("target")}
          <input
            className={field}
            value={values.target}
            onChange={(e) => set("target", e.target.value)}
            maxLength={256}
          />
        </label>
        <div className="flex flex-wrap gap-2 sm:col-span-3 lg:col-span-6">
          <button type="submit" className={buttonClass.primary}>
            {t("apply")}
          </button>
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => onFormChange({ values: EMPTY_AUDIT_FORM, applied: {} })}
          >
            {t("reset")}
          </button>
          <a className={buttonClass.secondary} href={auditExportUrl(applied)} download>
            {t("export")}
          </a>
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {verify.isPending ? t("verifying") : t("verify")}
          </button>
        </div>
      </form>
      <p role="status" data-testid="audit-verdict" className="text-sm text-fg empty:hidden">
        {verdictText}
      </p>

      {log.isPending ? (
        <p className="text-sm text-fg-muted">{t("loading")}</p>
      ) : log.isError ? (
        <p role="alert" className="text-sm text-danger">
          {t("failed", { message: log.error.message })}
        </p>
      ) : events.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded border border-border">
          <table className="w-full text-left text-sm" aria-label={t("title")}>
            <thead className="bg-surface-muted text-fg">
              <tr>
                {AUDIT_COLUMNS.map((column) => (
                  <th key={column} scope="col" className="px-2 py-1 font-medium">
                    {t(`columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.seq} className="border-t border-border align-top" data-testid="audit-row">
                  <td className="whitespace-nowrap px-2 py-1 text-fg">
                    {format.dateTime(new Date(event.at), {
                      dateStyle: "short",
                      timeStyle: "medium",
                      timeZone: TIME_ZONE,
                    })}
                  </td>
                  <td className="px-2 py-1">
                    <code className="text-fg">{event.action}</code>
                  </td>
                  <td className="px-2 py-1 text-fg">
                    {event.actorName ?? (event.actorUserId ? <code>{event.actorUserId}</code> : t("system"))}
                  </td>
                  <td className="break-all px-2 py-1 text-fg">
                    {event.targetId ? `${event.targetType ?? ""} ${event.targetId}`.trim() : ""}
                  </td>
                  <td className={`px-2 py-1 ${event.outcome === "failure" ? "font-medium text-danger" : "text-fg"}`}>
                    {t(event.outcome)}
                  </td>
                  <td className="px-2 py-1 text-fg-muted">{event.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-fg-muted" aria-live="polite">
          {log.isSuccess ? t("count", { count: events.length }) : ""}
        </p>
        {log.hasNextPage ? (
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={log.isFetchingNextPage}
            onClick={() => void log.fetchNextPage()}
          >
            {t("more")}
          </button>
        ) : null}
      </div>
    </AdminSection>
  );
}
