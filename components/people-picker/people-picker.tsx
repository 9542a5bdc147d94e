"use client";
/**
 * PeoplePicker — choose people (or plain e-mail addresses) from the directory and the user's
 * contacts: mail recipients (To/Cc/Bcc), agenda attendees, later chat members. One field per
 * list: the chosen people as removable chips, then a text box with suggestions from
 * GET /api/people (usePeopleSearch).
 *
 * Accessibility (WAI-ARIA 1.2 combobox pattern, list autocomplete): the text box is
 * role="combobox" with aria-expanded/aria-controls/aria-activedescendant; the suggestions are a
 * role="listbox" of role="option"s. Keys: ↓/↑ move through suggestions, Enter picks the active one
 * (or adds the typed address), Escape closes the list (then clears the text), Backspace in an
 * empty box removes the last chip, comma/semicolon add the typed address. Changes and the number
 * of suggestions are announced in a polite live region. Each chip's remove button names the person.
 *
 * Free entry: an address typed in full is offered first ("Use the address …") and validated in
 * the browser (email-address.ts); an invalid one is refused with a message, not silently dropped.
 *
 * Usage (inside an IntlClientProvider carrying the `contacts` namespace):
 *
 *   const [to, setTo] = useState<PickedPerson[]>([]);
 *   <PeoplePicker label={t("to")} value={to} onChange={setTo} />
 *   // attendees: <PeoplePicker label="Participants" value={attendees} onChange={setAttendees} limit={10} />
 *
 * Props: `label` (visible label), `value` / `onChange` (controlled list, unique by address),
 * `allowFreeEmail` (default true), `limit` (suggestions, default 8), `disabled`, `describedBy`
 * (id of a hint or error shown by the parent), `name` (adds hidden inputs `name` = each address,
 * for plain forms).
 */
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslations } from "use-intl";
import type { Person, PersonSource } from "@/components/people-picker/person-types";
import { isEmailAddress } from "@/components/people-picker/email-address";
import { usePeopleSearch } from "@/components/people-picker/use-people-search";

export interface PickedPerson {
  email: string;
  name?: string;
  sources?: PersonSource[];
}

interface Option {
  key: string;
  picked: PickedPerson;
  person?: Person;
}

export function PeoplePicker({
  label,
  value,
  onChange,
  allowFreeEmail = true,
  limit = 8,
  disabled = false,
  describedBy,
  name,
}: {
  label: string;
  value: PickedPerson[];
  onChange: (next: PickedPerson[]) => void;
  allowFreeEmail?: boolean;
  limit?: number;
  disabled?: boolean;
  describedBy?: string;
  name?: string;
}) {
  const t = useTranslations("contacts");
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const search = usePeopleSearch(text, { limit, enabled: open });

  const chosen = new Set(value.map((person) => person.email.toLowerCase()));
  const typed = text.trim();
  const options: Option[] = [];
  if (allowFreeEmail && isEmailAddress(typed) && !chosen.has(typed.toLowerCase())) {
    const known = search.result?.people.find((person) => person.email?.toLowerCase() === typed.toLowerCase());
    if (!known) options.push({ key: `free:${typed}`, picked: { email: typed } });
  }
  for (const person of search.result?.people ?? []) {
    if (!person.email || chosen.has(person.email.toLowerCase())) continue;
    options.push({
      key: person.id,
      picked: { email: person.email, name: person.name, sources: person.sources },
      person,
    });
  }
  const expanded = open && typed.length >= 2 && (options.length > 0 || search.answered === typed);
  const activeOption = expanded && active >= 0 && active < options.length ? options[active] : undefined;

  function add(picked: PickedPerson) {
    if (chosen.has(picked.email.toLowerCase())) return;
    onChange([...value, picked]);
    setText("");
    setActive(-1);
    setError(null);
    setAnnouncement(t("picker.added", { name: picked.name ?? picked.email }));
  }

  function remove(email: string) {
    const removed = value.find((person) => person.email === email);
    onChange(value.filter((person) => person.email !== email));
    setAnnouncement(t("picker.removed", { name: removed?.name ?? email }));
    inputRef.current?.focus();
  }

  function addTyped(): boolean {
    if (!typed) return false;
    if (!allowFreeEmail || !isEmailAddress(typed)) {
      setError(t("picker.invalidAddress", { value: typed }));
      return false;
    }
    add({ email: typed });
    return true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        setActive((index) => (options.length === 0 ? -1 : (index + 1) % options.length));
        break;
      case "ArrowUp":
        event.preventDefault();
        setOpen(true);
        setActive((index) => (options.length === 0 ? -1 : index <= 0 ? options.length - 1 : index - 1));
        break;
      case "Enter":
        if (activeOption) {
          event.preventDefault();
          add(activeOption.picked);
        } else if (typed) {
          event.preventDefault();
          addTyped();
        }
        break;
      case "Escape":
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          event.preventDefault();
          setText("");
          setError(null);
        }
        break;
      case ",":
      case ";":
        if (typed) {
          event.preventDefault();
          addTyped();
        }
        break;
      case "Backspace":
        if (text === "" && value.length > 0) {
          const last = value.at(-1);
          if (last) remove(last.email);
        }
        break;
    }
  }

  const listboxId = `${id}-listbox`;
  const errorId = `${id}-error`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const describedByIds = [describedBy, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  const partial = (search.result?.unavailable.length ?? 0) > 0;

  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <div
        className={`mt-1 flex flex-wrap items-center gap-1 rounded border bg-surface px-2 py-1 focus-within:outline-2 focus-within:outline-primary ${error ? "border-danger" : "border-border-strong"}`}
      >
        {value.length > 0 && (
          <ul className="flex max-w-full flex-wrap gap-1" aria-label={t("picker.selected", { count: value.length })}>
            {value.map((person) => (
              <li
                key={person.email}
                className="flex max-w-full items-center gap-1 rounded-full bg-surface-muted py-0.5 pl-2 pr-1 text-sm"
              >
                <span className="truncate" title={person.email}>
                  {person.name ? `${person.name} <${person.email}>` : person.email}
                </span>
                <button
                  type="button"
                  disabled={disabled}
                  onClick={() => remove(person.email)}
                  aria-label={t("picker.remove", { name: person.name ?? person.email })}
                  className="rounded-full px-1.5 text-fg-muted hover:bg-surface hover:text-fg"
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={activeOption ? optionId(active) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedByIds}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          value={text}
          placeholder={value.length === 0 ? t("picker.placeholder") : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          className="min-w-[8rem] flex-1 bg-transparent py-1 text-sm text-fg outline-none"
        />
      </div>
      {error && (
        <p id={errorId} className="mt-1 text-sm text-danger">
          {error}
        </p>
      )}
      <ul
        id={listboxId}
        role="listbox"
        aria-label={label}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded border border-border bg-surface py-1 shadow-lg"
      >
        {options.map((option, index) => (
          <li
            key={option.key}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            // mousedown, not click: picking must happen before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              add(option.picked);
            }}
            onMouseMove={() => setActive(index)}
            className={`cursor-pointer px-3 py-2 text-sm ${index === active ? "bg-primary text-on-primary" : "text-fg"}`}
          >
            {option.person ? (
              <PersonOptionContent person={option.person} highlighted={index === active} />
            ) : (
              t("picker.useAddress", { email: option.picked.email })
            )}
          </li>
        ))}
        {expanded && options.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-3 py-2 text-sm text-fg-muted">
            {t("picker.noResults")}
          </li>
        )}
      </ul>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
        {expanded && search.answered === typed ? ` ${t("picker.suggestions", { count: options.length })}` : ""}
        {expanded && partial ? ` ${t("picker.partial")}` : ""}
      </p>
      {name && value.map((person) => <input key={person.email} type="hidden" name={name} value={person.email} />)}
    </div>
  );
}

function PersonOptionContent({ person, highlighted }: { person: Person; highlighted: boolean }) {
  const t = useTranslations("contacts");
  const details = [person.profession, person.service].filter(Boolean).join(" · ");
  const muted = highlighted ? "text-on-primary" : "text-fg-muted";
  return (
    <span className="flex flex-col">
      <span className="font-medium">{person.name}</span>
      <span className={`truncate text-xs ${muted}`}>{person.email}</span>
      {details && <span className={`truncate text-xs ${muted}`}>{details}</span>}
      <span className={`text-xs ${muted}`}>{person.sources.map((source) => t(`sources.${source}`)).join(", ")}</span>
    </span>
  );
}
