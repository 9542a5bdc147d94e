"use client";
/**
 * "Share": creates public links to a file or folder (read, or upload-only for a folder; optional
 * password and expiry date), lets the person copy a link, and lists the item's links with a way to
 * revoke each. The password is sent once and never shown again (the server stores it hashed, or
 * gives it to Nextcloud).
 */
import { useId, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "use-intl";
import { createShareLink, revokeShareLink } from "../api/file-mutations";
import { filesKeys, useShares } from "../api/file-queries";
import type { FileEntry, ShareLink } from "../api/types";
import { buttonClass, DialogActions, ModalDialog } from "./modal-dialog";

function tomorrow(): string {
  const date = new Date(Date.now() + 24 * 3600 * 1000);
  return date.toISOString().slice(0, 10);
}

export function ShareDialog({
  entry,
  onClose,
  describeError,
}: {
  entry: FileEntry;
  onClose: () => void;
  describeError: (error: unknown) => string;
}) {
  const t = useTranslations("files.dialog");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const shares = useShares(entry.path);
  const ids = { password: useId(), passwordHint: useId(), expires: useId(), link: useId() };
  const [access, setAccess] = useState<"read" | "upload">("read");
  const [password, setPassword] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [created, setCreated] = useState<ShareLink | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: filesKeys.shares(entry.path) });
  const create = useMutation({
    mutationFn: () =>
      createShareLink({
        path: entry.path,
        access,
        password: password || undefined,
        expiresOn: expiresOn || undefined,
      }),
    onSuccess: async (link) => {
      setCreated(link);
      setPassword("");
      setError(null);
      setStatus(t("share.created"));
      await refresh();
    },
    onError: (caught) => setError(describeError(caught)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeShareLink(id),
    onSuccess: async (_, id) => {
      if (created?.id === id) setCreated(null);
      setStatus(t("share.revoked"));
      await refresh();
    },
    onError: (caught) => setError(describeError(caught)),
  });

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t("share.copied"));
    } catch {
      // No clipboard permission (or an insecure origin): select the link for a manual copy.
      const input = document.getElementById(ids.link);
      if (input instanceof HTMLInputElement) input.select();
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  return (
    <ModalDialog
      title={t("share.title", { name: entry.name })}
      onClose={onClose}
      closeLabel={t("close")}
      wide
      testId="share-dialog"
    >
      <p role="status" className="sr-only">
        {status}
      </p>
      <form onSubmit={submit} className="space-y-3">
        <h3 className="font-semibold">{t("share.newLink")}</h3>
        {entry.kind === "folder" ? (
          <fieldset>
            <legend className="text-sm font-medium">{t("share.access")}</legend>
            <div className="mt-1 space-y-1 text-sm">
              {(["read", "upload"] as const).map((value) => (
                <label key={value} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="access"
                    value={value}
                    checked={access === value}
                    onChange={() => setAccess(value)}
                  />
                  {value === "read" ? t("share.accessRead") : t("share.accessUpload")}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <div>
          <label htmlFor={ids.password} className="block text-sm font-medium">
            {t("share.password")}
          </label>
          <input
            id={ids.password}
            type="password"
            autoComplete="new-password"
            value={password}
            maxLength={200}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={ids.passwordHint}
            className="mt-1 w-full rounded border border-border-strong px-2 py-1.5"
          />
          <p id={ids.passwordHint} className="mt-1 text-xs text-fg-muted">
            {t("share.passwordHint")}
          </p>
        </div>
        <div>
          <label htmlFor={ids.expires} className="block text-sm font-medium">
            {t("share.expiresOn")}
          </label>
          <input
            id={ids.expires}
            type="date"
            min={tomorrow()}
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.target.value)}
            className="mt-1 rounded border border-border-strong px-2 py-1.5"
          />
        </div>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        <button type="submit" className={buttonClass.primary} disabled={create.isPending}>
          {t("share.create")}
        </button>
      </form>

      {created ? (
        <div className="mt-4 rounded border border-emerald-300 bg-emerald-50 p-3" data-testid="created-link">
          <label htmlFor={ids.link} className="block text-sm font-medium">
            {t("share.linkLabel")}
          </label>
          <div className="mt-1 flex flex-wrap gap-2">
            <input
              id={ids.link}
              readOnly
              value={created.url}
              onFocus={(event) => event.target.select()}
              className="min-w-0 flex-1 rounded border border-border-strong bg-surface px-2 py-1.5 font-mono text-sm"
            />
            <button type="button" className={buttonClass.secondary} onClick={() => void copy(created.url)}>
              {t("share.copy")}
            </button>
          </div>
        </div>
      ) : null}

      <section className="mt-6" aria-labelledby={`${ids.link}-existing`}>
        <h3 id={`${ids.link}-existing`} className="font-semibold">
          {t("share.existing")}
        </h3>
        {shares.isError ? (
          <p role="alert" className="mt-2 text-sm text-danger">
            {describeError(shares.error)}
          </p>
        ) : null}
        {shares.data && shares.data.shares.length === 0 ? (
          <p className="mt-2 text-sm text-fg-muted">{t("share.none")}</p>
        ) : null}
        <ul className="mt-2 divide-y divide-border">
          {(shares.data?.shares ?? []).map((link) => (
            <li key={link.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <div className="min-w-0">
                <p className="truncate font-mono text-xs">{link.url}</p>
                <p className="text-fg-muted">
                  {[
                    link.access === "read" ? t("share.read") : t("share.upload"),
                    t("share.createdOn", { date: date(link.createdAt) }),
                    link.hasPassword ? t("share.withPassword") : null,
                    link.expiresOn ? t("share.expires", { date: date(link.expiresOn) }) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </div>
              <div className="flex gap-2">
                <button type="button" className={buttonClass.secondary} onClick={() => void copy(link.url)}>
                  {t("share.copy")}
                </button>
                <button
                  type="button"
                  className={buttonClass.secondary}
                  aria-label={t("share.revokeNamed", { date: date(link.createdAt) })}
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(link.id)}
                >
                  {t("share.revoke")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <DialogActions>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t("close")}
        </button>
      </DialogActions>
    </ModalDialog>
  );
}
