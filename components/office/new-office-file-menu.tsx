"use client";
/**
 * Files' "new office file" button: a small disclosure listing "New document / spreadsheet /
 * presentation". Choosing one creates the blank file in the current folder from the portal's
 * templates (POST /api/office/new, under a free name) and opens it in the editor at once.
 */
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslations } from "use-intl";
import { FileIcon } from "@/components/files/file-icons";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";

const KINDS = [
  { kind: "document", label: "files.newDocument" },
  { kind: "spreadsheet", label: "files.newSpreadsheet" },
  { kind: "presentation", label: "files.newPresentation" },
] as const;

export function NewOfficeFileMenu({ folder, disabled }: { folder: string; disabled: boolean }) {
  const t = useTranslations("office");
  const listId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<"idle" | "creating" | "failed">("idle");

  async function create(kind: (typeof KINDS)[number]): Promise<void> {
    setState("creating");
    try {
      const response = await fetch("/api/office/new", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ folder, kind: kind.kind, format: "ooxml", name: t(kind.label) }),
      });
      if (!response.ok) throw new Error(String(response.status));
      const entry = (await response.json()) as { id: string };
      setOpen(false);
      // A full page load, not a client-side navigation: the editor page's Content Security Policy
      // (which lets it frame the editor's origin) only applies to a document loaded with it.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see above
      window.location.assign(`/office/${encodeURIComponent(entry.id)}`);
    } catch {
      setState("failed");
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === "Escape" && open) {
      setOpen(false);
      toggle.current?.focus();
    }
  }

  return (
    <div className="relative" onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className={buttonClass.secondary}
        disabled={disabled || state === "creating"}
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => {
          setState("idle");
          setOpen(!open);
        }}
      >
        <FileIcon name="document" className="size-4" />
        {state === "creating" ? t("files.creating") : t("files.newMenu")}
      </button>
      {open ? (
        <ul
          id={listId}
          className="absolute left-0 z-20 mt-1 min-w-56 rounded border border-border-strong bg-surface p-1 shadow-lg"
        >
          {KINDS.map((kind) => (
            <li key={kind.kind}>
              <button
                type="button"
                className="w-full rounded px-3 py-2 text-left text-sm hover:bg-surface-muted focus-visible:bg-surface-muted"
                disabled={state === "creating"}
                onClick={() => void create(kind)}
              >
                {t(kind.label)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {state === "failed" ? (
        <p role="alert" className="mt-1 text-sm text-danger">
          {t("files.createFailed")}
        </p>
      ) : null}
    </div>
  );
}
