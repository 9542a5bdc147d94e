"use client";
/**
 * People and their sessions, for administrators: find someone by name, e-mail or RPPS, see how
 * many sessions they have open, end them all (after a confirmation naming the person), or show
 * their events in the audit log above.
 */
import { useEffect, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AdminSection } from "@/components/admin/admin-section";
import { buttonClass, DialogActions, ModalDialog } from "@/components/files/dialogs/modal-dialog";
import { findUsers, revokeUserSessions, type AdminUser } from "@/components/admin/admin-api";
import { TIME_ZONE } from "@/i18n/locales";

const MIN_CHARS = 2;

export function PeoplePanel({ onShowEvents }: { onShowEvents: (user: AdminUser) => void }) {
  const t = useTranslations("admin.people");
  const tAudit = useTranslations("admin.audit");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const [confirming, setConfirming] = useState<AdminUser | null>(null);
  const [notice, setNotice] = useState("");

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  const searching = query.length >= MIN_CHARS;
  const found = useQuery({
    queryKey: ["admin", "users", query],
    queryFn: ({ signal }) => findUsers(query, signal),
    enabled: searching,
  });
  const revoke = useMutation({
    mutationFn: (user: AdminUser) => revokeUserSessions(user.id),
    onSuccess: async ({ revoked }, user) => {
      setNotice(t("revoked", { count: revoked, name: user.displayName }));
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: ["admin"] });
    },
  });

  return (
    <AdminSection title={t("title")} intro={t("intro")}>
      <label className="flex max-w-md flex-col gap-1 text-sm text-fg">
        {t("search")}
        <input
          type="search"
          className="rounded border border-border-strong bg-surface px-2 py-1.5 text-sm text-fg"
          value={text}
          maxLength={100}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <p role="status" className="text-sm text-fg-muted">
        {!searching
          ? t("hint")
          : found.isPending
            ? t("searching")
            : found.isError
              ? t("failed", { message: found.error.message })
              : found.data.length === 0
                ? t("none", { query })
                : ""}
      </p>
      <p role="status" data-testid="admin-people-notice" className="text-sm text-fg empty:hidden">
        {notice}
      </p>
      {searching && found.data && found.data.length > 0 ? (
        <ul className="grid gap-2 md:grid-cols-2" aria-label={t("results")}>
          {found.data.map((user) => (
            <li
              key={user.id}
              className="flex flex-col gap-2 rounded border border-border bg-surface p-3"
              data-testid="admin-person"
            >
              <div>
                <p className="font-medium text-fg">
                  {user.displayName}
                  {user.isAdmin ? <span className="ml-2 text-xs text-fg-muted">{t("admin")}</span> : null}
                </p>
                <p className="break-all text-sm text-fg-muted">
                  {[user.profession, user.email, user.rpps ? t("rpps", { rpps: user.rpps }) : null]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <p className="text-sm text-fg">
                  {t("sessions", { count: user.liveSessions })}
                  {user.lastSeenAt
                    ? ` · ${t("lastSeen", {
                        date: format.dateTime(new Date(user.lastSeenAt), {
                          dateStyle: "short",
                          timeStyle: "short",
                          timeZone: TIME_ZONE,
                        }),
                      })}`
                    : ""}
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={buttonClass.danger}
                  disabled={user.liveSessions === 0}
                  aria-label={t("revokeNamed", { name: user.displayName })}
                  onClick={() => {
                    revoke.reset();
                    setConfirming(user);
                  }}
                >
                  {t("revoke")}
                </button>
                <button type="button" className={buttonClass.quiet} onClick={() => onShowEvents(user)}>
                  {tAudit("filterActor")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {confirming ? (
        <ModalDialog
          title={t("confirmTitle", { name: confirming.displayName })}
          onClose={() => setConfirming(null)}
          closeLabel={t("close")}
        >
          <p className="text-sm">{t("confirmBody", { name: confirming.displayName })}</p>
          {revoke.isError ? (
            <p role="alert" className="mt-2 text-sm text-danger">
              {t("revokeFailed", { message: revoke.error.message })}
            </p>
          ) : null}
          <DialogActions>
            <button type="button" className={buttonClass.secondary} onClick={() => setConfirming(null)} data-autofocus>
              {t("cancel")}
            </button>
            <button
              type="button"
              className={buttonClass.danger}
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(confirming)}
            >
              {t("confirm")}
            </button>
          </DialogActions>
        </ModalDialog>
      ) : null}
    </AdminSection>
  );
}
