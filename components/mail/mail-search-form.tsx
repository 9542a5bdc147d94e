"use client";
/**
 * Server-side search in the current folder: one box for any text (IMAP TEXT: headers and body),
 * and, behind "Plus de critères", the sender, the subject and a date range. The search runs on the
 * mail server (nothing is downloaded to filter); "Effacer" returns to the folder.
 */
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";
import { hasCriteria, type MailSearchCriteria } from "./api/mail-queries";

const inputClass =
  "w-full rounded border border-border-strong bg-surface px-2 py-1.5 text-sm text-fg focus:outline-2 focus:outline-primary";

export function MailSearchForm({
  active,
  onSearch,
}: {
  active: MailSearchCriteria | null;
  onSearch: (criteria: MailSearchCriteria | null) => void;
}) {
  const t = useTranslations("mail.search");
  const id = useId();
  const [draft, setDraft] = useState<MailSearchCriteria>(active ?? {});
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!hasCriteria(draft)) {
      setProblem(t("nothing"));
      return;
    }
    if (draft.since && draft.before && draft.since > draft.before) {
      setProblem(t("badRange"));
      return;
    }
    setProblem(null);
    onSearch({ ...draft });
  }

  const field = (key: keyof MailSearchCriteria, type: "text" | "date" = "text") => (
    <label className="block text-xs font-medium" htmlFor={`${id}-${key}`}>
      {t(key)}
      <input
        id={`${id}-${key}`}
        type={type}
        maxLength={200}
        value={draft[key] ?? ""}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
        className={`${inputClass} mt-0.5`}
      />
    </label>
  );

  return (
    <form role="search" aria-label={t("label")} onSubmit={submit} className="space-y-2" data-testid="mail-search">
      <div className="flex gap-1">
        <label htmlFor={`${id}-text`} className="sr-only">
          {t("text")}
        </label>
        <input
          id={`${id}-text`}
          type="search"
          placeholder={t("placeholder")}
          maxLength={200}
          value={draft.text ?? ""}
          onChange={(event) => setDraft({ ...draft, text: event.target.value })}
          className={inputClass}
        />
        <button type="submit" className={buttonClass.primary}>
          {t("submit")}
        </button>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.quiet} aria-expanded={more} onClick={() => setMore(!more)}>
          {more ? t("fewer") : t("more")}
        </button>
        {active ? (
          <button
            type="button"
            className={buttonClass.quiet}
            onClick={() => {
              setDraft({});
              setProblem(null);
              onSearch(null);
            }}
          >
            {t("clear")}
          </button>
        ) : null}
      </div>
      {more ? (
        <div className="grid grid-cols-2 gap-2">
          {field("from")}
          {field("subject")}
          {field("since", "date")}
          {field("before", "date")}
        </div>
      ) : null}
      {problem ? (
        <p role="alert" className="text-sm text-danger">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
