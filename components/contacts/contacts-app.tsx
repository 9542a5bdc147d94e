"use client";
/**
 * The /contacts page: one search box over the organisation's directory and the user's own
 * contacts (GET /api/people, merged, each result saying where it was found), and the user's
 * personal address book below it (GET /api/contacts, filtered by the same text) with create, edit
 * and delete. From any person: write them a message (the mail module's compose window) or call.
 *
 * Failures stay local: the directory down leaves the contacts searchable (and says so); a user
 * who has not connected their groupware account gets the connect form where their contacts would
 * be, and the directory search still works.
 */
import { useCallback, useEffect, useId, useState } from "react";
import { useTranslations } from "use-intl";
import { composeHref, deleteContact, listContacts } from "@/components/contacts/api/contacts-api";
import { ContactFormDialog } from "@/components/contacts/contact-form-dialog";
import type { Contact } from "@/components/contacts/contact-types";
import { PersonCard } from "@/components/contacts/person-card";
import { ApiError } from "@/components/files/api/fetch-json";
import { buttonClass, DialogActions, ModalDialog } from "@/components/files/dialogs/modal-dialog";
import { GroupwareConnectForm } from "@/components/groupware/groupware-connect-form";
import { PeoplePicker, type PickedPerson } from "@/components/people-picker/people-picker";
import { PEOPLE_SEARCH_MIN_CHARS, usePeopleSearch } from "@/components/people-picker/use-people-search";

type MineState =
  { status: "loading" } | { status: "ready"; contacts: Contact[] } | { status: "not-connected" } | { status: "failed" };

export interface ContactsAppConfig {
  /** CARDDAV_URL is set: personal contacts exist on this portal. */
  contactsEnabled: boolean;
  /** The mail module is on: "write a message" opens its compose window (else mailto:). */
  mailEnabled: boolean;
  /** Prefills the groupware connect form. */
  email: string;
}

export function ContactsApp({ config }: { config: ContactsAppConfig }) {
  const t = useTranslations("contacts");
  const searchId = useId();
  const [query, setQuery] = useState("");
  const [debounced, setDebounced] = useState("");
  const [mine, setMine] = useState<MineState>({ status: "loading" });
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [notice, setNotice] = useState("");
  const [group, setGroup] = useState<PickedPerson[]>([]);
  const search = usePeopleSearch(query, { limit: 20 });
  const searching = query.trim().length >= PEOPLE_SEARCH_MIN_CHARS;

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query), 200);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    if (!config.contactsEnabled) return;
    const controller = new AbortController();
    listContacts(debounced, controller.signal)
      .then(({ contacts }) => setMine({ status: "ready", contacts }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const code = error instanceof ApiError ? error.code : "";
        setMine({ status: code === "GROUPWARE_NOT_CONNECTED" ? "not-connected" : "failed" });
      });
    return () => controller.abort();
  }, [config.contactsEnabled, debounced, reload]);

  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const unavailable = search.result?.unavailable ?? [];
  const reasons = search.result?.reasons ?? {};

  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold text-fg">{t("title")}</h1>
        <p className="mt-1 text-sm text-fg-muted">{t("intro")}</p>
      </header>

      <section aria-labelledby={`${searchId}-heading`} className="flex flex-col gap-3">
        <h2 id={`${searchId}-heading`} className="sr-only">
          {t("search.heading")}
        </h2>
        <div role="search">
          <label htmlFor={`${searchId}-input`} className="block text-sm font-medium text-fg">
            {t("search.label")}
          </label>
          <input
            id={`${searchId}-input`}
            type="search"
            value={query}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            placeholder={t("search.placeholder")}
            aria-describedby={`${searchId}-status`}
            onChange={(event) => setQuery(event.target.value)}
            className="mt-1 block w-full rounded border border-border-strong bg-surface px-3 py-2 text-base text-fg focus:outline-2 focus:outline-primary"
          />
        </div>
        <p id={`${searchId}-status`} role="status" className="text-sm text-fg-muted">
          {!searching
            ? t("search.hint")
            : search.loading || search.answered !== query.trim()
              ? t("search.searching")
              : search.failed
                ? t("search.failed")
                : search.result && search.result.people.length === 0
                  ? t("search.noResults", { query: query.trim() })
                  : search.result
                    ? t("search.results", { count: search.result.people.length })
                    : ""}
        </p>
        {searching && unavailable.includes("directory") && (
          <p className="rounded border border-border-strong bg-surface px-3 py-2 text-sm text-fg">
            {t("unavailable.directory")}
          </p>
        )}
        {searching && unavailable.includes("contacts") && reasons.contacts !== "not-connected" && (
          <p className="rounded border border-border-strong bg-surface px-3 py-2 text-sm text-fg">
            {t("unavailable.contacts")}
          </p>
        )}
        {searching && search.result && search.result.people.length > 0 && (
          <ul className="grid gap-2 sm:grid-cols-2" aria-label={t("search.heading")}>
            {search.result.people.map((person) => (
              <li key={person.id}>
                <PersonCard person={person} mailEnabled={config.mailEnabled} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${searchId}-group`} className="flex flex-col gap-3">
        <h2 id={`${searchId}-group`} className="text-lg font-semibold text-fg">
          {t("group.title")}
        </h2>
        <PeoplePicker label={t("group.label")} value={group} onChange={setGroup} />
        {group.length > 0 && (
          <a
            href={composeHref(
              group.map((person) => person.email),
              config.mailEnabled,
            )}
            className={`${buttonClass.primary} self-start`}
          >
            {t("group.writeCount", { count: group.length })}
          </a>
        )}
      </section>

      {config.contactsEnabled && (
        <section aria-labelledby={`${searchId}-mine`} className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={`${searchId}-mine`} className="text-lg font-semibold text-fg">
              {t("mine.title")}
            </h2>
            {mine.status === "ready" && (
              <button type="button" className={buttonClass.primary} onClick={() => setEditing("new")}>
                {t("mine.new")}
              </button>
            )}
          </div>
          <p role="status" className="text-sm text-fg-muted empty:hidden">
            {notice}
          </p>
          {mine.status === "loading" && <p className="text-sm text-fg-muted">{t("loading")}</p>}
          {mine.status === "failed" && <p className="text-sm text-danger">{t("form.errors.unavailable")}</p>}
          {mine.status === "not-connected" && (
            <div className="rounded border border-border bg-surface p-4">
              <p className="mb-3 text-sm text-fg">{t("unavailable.notConnected")}</p>
              <GroupwareConnectForm defaultLogin={config.email} onConnected={refresh} headingLevel={3} />
            </div>
          )}
          {mine.status === "ready" &&
            (mine.contacts.length === 0 ? (
              <p className="text-sm text-fg-muted">{debounced.trim() ? t("mine.noMatch") : t("mine.empty")}</p>
            ) : (
              <ul className="grid gap-2 sm:grid-cols-2" aria-label={t("mine.title")}>
                {mine.contacts.map((contact) => (
                  <li key={contact.id}>
                    <PersonCard
                      mailEnabled={config.mailEnabled}
                      person={{
                        ...contact,
                        email: contact.emails[0],
                        phone: contact.phones[0],
                        sources: ["contacts"],
                      }}
                    >
                      <button
                        type="button"
                        className={buttonClass.secondary}
                        aria-label={t("mine.editNamed", { name: contact.name })}
                        onClick={() => setEditing(contact)}
                      >
                        {t("mine.edit")}
                      </button>
                      <button
                        type="button"
                        className={buttonClass.secondary}
                        aria-label={t("mine.deleteNamed", { name: contact.name })}
                        onClick={() => setDeleting(contact)}
                      >
                        {t("mine.delete")}
                      </button>
                    </PersonCard>
                  </li>
                ))}
              </ul>
            ))}
        </section>
      )}

      {editing && (
        <ContactFormDialog
          contact={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t("mine.saved"));
            refresh();
          }}
        />
      )}
      {deleting && (
        <DeleteContactDialog
          contact={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            setNotice(t("mine.deleted"));
            refresh();
          }}
        />
      )}
    </div>
  );
}

function DeleteContactDialog({
  contact,
  onClose,
  onDeleted,
}: {
  contact: Contact;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const t = useTranslations("contacts");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ModalDialog title={t("mine.deleteTitle")} onClose={onClose} closeLabel={t("close")}>
      <p className="text-sm text-fg">{t("mine.deleteBody", { name: contact.name })}</p>
      {error && (
        <p role="alert" className="mt-3 rounded bg-danger-surface px-3 py-2 text-sm text-danger">
          {error}
        </p>
      )}
      <DialogActions>
        <button type="button" className={buttonClass.secondary} onClick={onClose} data-autofocus>
          {t("form.cancel")}
        </button>
        <button
          type="button"
          className={buttonClass.danger}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            deleteContact(contact)
              .then(onDeleted)
              .catch((failure: unknown) => {
                setBusy(false);
                const code = failure instanceof ApiError ? failure.code : "";
                setError(code === "CONFLICT" ? t("form.errors.conflict") : t("form.errors.unavailable"));
              });
          }}
        >
          {t("mine.confirmDelete")}
        </button>
      </DialogActions>
    </ModalDialog>
  );
}
