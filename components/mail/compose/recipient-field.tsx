"use client";
/**
 * One recipients field of the compose window (À, Cc or Cci): the chosen addresses as removable
 * chips, and a text box with completion from the people search (GET /api/people?q=, contacts and
 * the directory). Free typing always works: Enter, comma, semicolon or leaving the field turns the
 * typed text into recipients, so the field is usable while the people search is down or absent.
 *
 * Typed text is split on commas/semicolons and never carries a line break into an address (the
 * input is single-line; the server refuses header injection anyway and says which field).
 *
 * The completion is an ARIA 1.2 combobox: the list is a listbox, arrows move the active option,
 * Enter picks it, Escape closes it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslations } from "use-intl";
import { fetchJson } from "@/components/files/api/fetch-json";

export interface Recipient {
  name?: string;
  address: string;
}

interface PersonHit {
  id: string;
  name: string;
  email: string;
  profession?: string;
  service?: string;
}

/** A plausible address: one @, no spaces or control characters, something on both sides. */
export function looksLikeAddress(value: string): boolean {
  return /^[^\s@<>",;:\\\u0000-\u001f\u007f]+@[^\s@<>",;:\\\u0000-\u001f\u007f]+\.[^\s@<>",;:\\\u0000-\u001f\u007f]+$/.test(
    value,
  );
}

/** Splits pasted or typed text ("Anne <anne@x.fr>; bob@y.fr") into recipients. */
export function parseRecipients(text: string): Recipient[] {
  return text
    .split(/[,;\n\r]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.*?)\s*<([^<>]+)>$/.exec(part);
      if (match) {
        const name = (match[1] ?? "").replace(/^"|"$/g, "").trim();
        return { name: name || undefined, address: (match[2] ?? "").trim() };
      }
      return { address: part };
    });
}

export function RecipientField({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: Recipient[];
  onChange: (next: Recipient[]) => void;
  testId: string;
}) {
  const t = useTranslations("mail.compose.recipients");
  const id = useId();
  const [text, setText] = useState("");
  const [hits, setHits] = useState<PersonHit[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2 || query.length > 100) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchJson<{ people?: PersonHit[] }>(`/api/people?q=${encodeURIComponent(query)}&limit=8`, {
        signal: controller.signal,
      })
        .then((answer) => {
          setHits((answer.people ?? []).filter((person) => person.email));
          setActive(-1);
          setOpen(true);
        })
        // The people search is a help, not a requirement: without it, typing an address works.
        .catch(() => setHits([]));
    }, 200);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [text]);

  function add(recipients: Recipient[]) {
    const known = new Set(value.map((recipient) => recipient.address.toLowerCase()));
    const fresh = recipients.filter((recipient) => {
      const key = recipient.address.toLowerCase();
      if (known.has(key)) return false;
      known.add(key);
      return true;
    });
    if (fresh.length > 0) onChange([...value, ...fresh]);
    setText("");
    setHits([]);
    setOpen(false);
  }

  function commitTyped() {
    if (text.trim()) add(parseRecipients(text));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && hits.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (current + 1) % hits.length);
    } else if (event.key === "ArrowUp" && hits.length > 0) {
      event.preventDefault();
      setActive((current) => (current <= 0 ? hits.length - 1 : current - 1));
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    } else if (event.key === "Enter" || event.key === "," || event.key === ";") {
      const hit = open ? hits[active] : undefined;
      if (hit) {
        event.preventDefault();
        add([{ name: hit.name, address: hit.email }]);
      } else if (text.trim()) {
        event.preventDefault();
        commitTyped();
      }
    } else if (event.key === "Backspace" && text === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  const listId = `${id}-list`;
  const typed = text.trim();
  // Suggestions only for what is typed now (an older answer is not shown for an emptied field).
  const showList = open && hits.length > 0 && typed.length >= 2;
  return (
    <div className="flex flex-wrap items-center gap-1 border-b border-border py-1" data-testid={testId}>
      <label htmlFor={`${id}-input`} className="w-12 shrink-0 text-sm text-fg-muted">
        {label}
      </label>
      <ul className="contents" aria-label={t("chosen", { field: label })}>
        {value.map((recipient) => {
          const invalid = !looksLikeAddress(recipient.address);
          return (
            <li
              key={recipient.address}
              className={`inline-flex max-w-full items-center gap-1 rounded-full border px-2 py-0.5 text-sm ${invalid ? "border-danger text-danger" : "border-border-strong"}`}
            >
              <span className="truncate" title={recipient.address}>
                {recipient.name ? `${recipient.name} <${recipient.address}>` : recipient.address}
              </span>
              {invalid ? <span className="sr-only">{t("invalid")}</span> : null}
              <button
                type="button"
                className="rounded px-1 hover:bg-surface-muted"
                aria-label={t("remove", { address: recipient.address })}
                onClick={() => {
                  onChange(value.filter((other) => other.address !== recipient.address));
                  inputRef.current?.focus();
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="relative min-w-40 flex-1">
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && active >= 0 ? `${id}-option-${active}` : undefined}
          autoComplete="off"
          maxLength={2000}
          value={text}
          onChange={(event) => setText(event.target.value.replace(/[\r\n]/g, " "))}
          onKeyDown={onKeyDown}
          onBlur={() => {
            // A click on an option fires after blur: let it land first.
            setTimeout(() => {
              setOpen(false);
            }, 150);
            commitTyped();
          }}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData("text");
            if (/[,;\n]/.test(pasted)) {
              event.preventDefault();
              add(parseRecipients(pasted));
            }
          }}
          className="w-full bg-transparent px-1 py-1 text-sm outline-none"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={t("suggestions")}
          hidden={!showList}
          className="absolute left-0 top-full z-20 mt-1 max-h-64 w-full min-w-64 overflow-y-auto rounded border border-border-strong bg-surface shadow-lg"
        >
          {hits.map((hit, index) => (
            <li
              key={hit.id}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                add([{ name: hit.name, address: hit.email }]);
              }}
              className={`cursor-pointer px-3 py-2 text-sm ${index === active ? "bg-surface-muted" : ""}`}
            >
              <span className="font-medium">{hit.name}</span> <span className="text-fg-muted">{hit.email}</span>
              {hit.profession || hit.service ? (
                <span className="block text-xs text-fg-muted">
                  {[hit.profession, hit.service].filter(Boolean).join(" · ")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
