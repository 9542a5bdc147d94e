"use client";
/**
 * Create or edit a personal contact, in a modal dialog. Addresses and phone numbers are one per
 * line and checked in the browser first (each bad one named); the server checks again. Saving an
 * edit sends the version the user opened (ETag): if the contact changed elsewhere in the
 * meantime, the server answers CONFLICT and the dialog says so instead of overwriting.
 */
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { createContact, updateContact } from "@/components/contacts/api/contacts-api";
import type { Contact, ContactFields } from "@/components/contacts/contact-types";
import { ApiError } from "@/components/files/api/fetch-json";
import { buttonClass, DialogActions, ModalDialog } from "@/components/files/dialogs/modal-dialog";
import { isEmailAddress } from "@/components/people-picker/email-address";

const inputClass =
  "mt-1 block w-full rounded border border-border-strong bg-surface px-3 py-2 text-sm text-fg focus:outline-2 focus:outline-primary";
const PHONE = /^\+?[0-9 ().\-/]{2,40}$/;

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function ContactFormDialog({
  contact,
  initial,
  onClose,
  onSaved,
}: {
  /** The contact to edit; absent to create one. */
  contact?: Contact;
  /** Prefilled fields for a new contact (e.g. from a directory entry). */
  initial?: Partial<ContactFields>;
  onClose: () => void;
  onSaved: (contact: Contact) => void;
}) {
  const t = useTranslations("contacts");
  const id = useId();
  const start = contact ?? initial ?? {};
  const [name, setName] = useState(start.name ?? "");
  const [givenName, setGivenName] = useState(start.givenName ?? "");
  const [familyName, setFamilyName] = useState(start.familyName ?? "");
  const [emails, setEmails] = useState((start.emails ?? []).join("\n"));
  const [phones, setPhones] = useState((start.phones ?? []).join("\n"));
  const [organization, setOrganization] = useState(start.organization ?? "");
  const [service, setService] = useState(start.service ?? "");
  const [profession, setProfession] = useState(start.profession ?? "");
  const [note, setNote] = useState(start.note ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const fields: ContactFields = {
      name: name.trim(),
      givenName: givenName.trim() || undefined,
      familyName: familyName.trim() || undefined,
      emails: lines(emails),
      phones: lines(phones),
      organization: organization.trim() || undefined,
      service: service.trim() || undefined,
      profession: profession.trim() || undefined,
      note: note.trim() || undefined,
    };
    if (!fields.name) return setError(t("form.errors.name"));
    const badEmail = fields.emails.find((value) => !isEmailAddress(value));
    if (badEmail) return setError(t("form.errors.email", { value: badEmail }));
    const badPhone = fields.phones.find((value) => !PHONE.test(value));
    if (badPhone) return setError(t("form.errors.phone", { value: badPhone }));
    setSaving(true);
    try {
      onSaved(contact ? await updateContact(contact, fields) : await createContact(fields));
    } catch (failure) {
      setSaving(false);
      const code = failure instanceof ApiError ? failure.code : "";
      if (code === "CONFLICT") setError(t("form.errors.conflict"));
      else if (code === "BAD_REQUEST") setError(t("form.errors.invalid", { message: (failure as ApiError).message }));
      else if (code === "BACKEND_UNAVAILABLE" || code === "BACKEND_TIMEOUT" || code === "NETWORK")
        setError(t("form.errors.unavailable"));
      else setError(t("form.errors.unexpected"));
    }
  }

  const field = (key: string, label: string, value: string, set: (v: string) => void, extra = {}) => (
    <div>
      <label htmlFor={`${id}-${key}`} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <input
        id={`${id}-${key}`}
        className={inputClass}
        value={value}
        onChange={(event) => set(event.target.value)}
        {...extra}
      />
    </div>
  );

  return (
    <ModalDialog
      title={contact ? t("form.editTitle") : t("form.createTitle")}
      onClose={onClose}
      closeLabel={t("close")}
      testId="contact-form-dialog"
    >
      <form
        onSubmit={submit}
        noValidate
        className="flex flex-col gap-3"
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {field("name", `${t("form.name")} ${t("form.required")}`, name, setName, {
          required: true,
          maxLength: 200,
          autoComplete: "off",
          "aria-invalid": error === t("form.errors.name") ? true : undefined,
        })}
        <div className="grid gap-3 sm:grid-cols-2">
          {field("given", t("form.givenName"), givenName, setGivenName, { maxLength: 100, autoComplete: "off" })}
          {field("family", t("form.familyName"), familyName, setFamilyName, { maxLength: 100, autoComplete: "off" })}
        </div>
        <div>
          <label htmlFor={`${id}-emails`} className="block text-sm font-medium text-fg">
            {t("form.emails")}
          </label>
          <textarea
            id={`${id}-emails`}
            className={inputClass}
            rows={2}
            value={emails}
            spellCheck={false}
            onChange={(event) => setEmails(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-phones`} className="block text-sm font-medium text-fg">
            {t("form.phones")}
          </label>
          <textarea
            id={`${id}-phones`}
            className={inputClass}
            rows={2}
            value={phones}
            onChange={(event) => setPhones(event.target.value)}
          />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          {field("profession", t("form.profession"), profession, setProfession, { maxLength: 200 })}
          {field("service", t("form.service"), service, setService, { maxLength: 200 })}
        </div>
        {field("organization", t("form.organization"), organization, setOrganization, { maxLength: 200 })}
        <div>
          <label htmlFor={`${id}-note`} className="block text-sm font-medium text-fg">
            {t("form.note")}
          </label>
          <textarea
            id={`${id}-note`}
            className={inputClass}
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        {error && (
          <p id={`${id}-error`} role="alert" className="rounded bg-danger-surface px-3 py-2 text-sm text-danger">
            {error}
          </p>
        )}
        <DialogActions>
          <button type="button" className={buttonClass.secondary} onClick={onClose}>
            {t("form.cancel")}
          </button>
          <button type="submit" className={buttonClass.primary} disabled={saving}>
            {saving ? t("form.saving") : t("form.save")}
          </button>
        </DialogActions>
      </form>
    </ModalDialog>
  );
}
