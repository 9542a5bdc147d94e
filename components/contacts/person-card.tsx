"use client";
/**
 * One person as the contacts page shows them, from the directory, the user's contacts or both:
 * name, profession and service, address, phone, where they were found, and the actions a
 * hospital worker wants next — write them a message, call them. Children add actions (edit,
 * delete for a personal contact).
 */
import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import { composeHref } from "@/components/contacts/api/contacts-api";
import type { PersonSource } from "@/components/people-picker/person-types";

export interface PersonCardData {
  name: string;
  email?: string;
  phone?: string;
  profession?: string;
  service?: string;
  organization?: string;
  note?: string;
  sources: PersonSource[];
}

const linkClass = "rounded text-primary-ink underline underline-offset-2 hover:no-underline";

export function PersonCard({
  person,
  mailEnabled,
  headingLevel = 3,
  children,
}: {
  person: PersonCardData;
  mailEnabled: boolean;
  headingLevel?: 3 | 4;
  children?: ReactNode;
}) {
  const t = useTranslations("contacts");
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const details = [person.profession, person.service, person.organization].filter(Boolean).join(" · ");
  return (
    <article className="flex flex-col gap-1 rounded border border-border bg-surface p-3 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <Heading className="min-w-0 break-words text-base font-semibold text-fg">{person.name}</Heading>
        <ul className="flex flex-wrap gap-1" aria-label={t("person.addressBook")}>
          {person.sources.map((source) => (
            <li key={source} className="rounded-full border border-border-strong px-2 text-xs text-fg-muted">
              {t(`sources.${source}`)}
            </li>
          ))}
        </ul>
      </div>
      {details && <p className="break-words text-fg-muted">{details}</p>}
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
        {person.email && (
          <>
            <dt className="text-fg-muted">{t("person.email")}</dt>
            <dd className="break-all">{person.email}</dd>
          </>
        )}
        {person.phone && (
          <>
            <dt className="text-fg-muted">{t("person.phone")}</dt>
            <dd>
              <a className={linkClass} href={`tel:${person.phone.replace(/[^+0-9]/g, "")}`}>
                {person.phone}
              </a>
            </dd>
          </>
        )}
        {person.note && (
          <>
            <dt className="text-fg-muted">{t("person.note")}</dt>
            <dd className="whitespace-pre-line break-words">{person.note}</dd>
          </>
        )}
      </dl>
      <div className="mt-1 flex flex-wrap gap-2">
        {person.email && (
          <a
            href={composeHref(person.email, mailEnabled)}
            aria-label={t("person.writeMessageTo", { name: person.name })}
            className="inline-flex min-h-9 items-center rounded bg-primary px-3 py-1.5 text-sm font-medium text-on-primary hover:opacity-90"
          >
            {t("person.writeMessage")}
          </a>
        )}
        {children}
      </div>
    </article>
  );
}
