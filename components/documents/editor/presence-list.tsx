"use client";
/** Who is in the document now (from the awareness of the content's provider): a coloured initial per person, names for screen readers. */
import { useTranslations } from "use-intl";

export interface Participant {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

export function PresenceList({ participants }: { participants: readonly Participant[] }) {
  const t = useTranslations("documents.editor.presence");
  return (
    <ul aria-label={t("label")} data-testid="presence" className="flex flex-wrap items-center gap-1">
      {participants.map((person) => (
        <li
          key={person.clientId}
          title={person.self ? t("you", { name: person.name }) : person.name}
          className="flex h-8 items-center gap-1 rounded-full px-2 text-xs font-medium text-white"
          style={{ backgroundColor: person.color }}
        >
          <span aria-hidden="true">{person.name.slice(0, 1).toLocaleUpperCase()}</span>
          <span className="max-w-28 truncate">{person.self ? t("you", { name: person.name }) : person.name}</span>
        </li>
      ))}
    </ul>
  );
}
