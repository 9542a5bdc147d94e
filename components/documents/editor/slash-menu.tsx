"use client";
/** The slash commands' list, shown under the caret (a listbox; the editor keeps the focus and drives it with the arrows). */
import { useTranslations } from "use-intl";
import type { SlashMenuState } from "@/components/documents/editor/slash-commands";

export function SlashMenu({ menu }: { menu: SlashMenuState | null }) {
  const t = useTranslations("documents.editor.slash");
  if (!menu) return null;
  const top = (menu.rect?.bottom ?? 0) + 4;
  const left = Math.min(menu.rect?.left ?? 0, Math.max(0, window.innerWidth - 240));
  return (
    <div
      role="listbox"
      aria-label={t("label")}
      className="fixed z-30 w-56 rounded border border-border bg-surface py-1 text-sm shadow-lg"
      style={{ top, left }}
    >
      {menu.items.length === 0 ? <p className="px-3 py-1.5 text-fg-muted">{t("empty")}</p> : null}
      {menu.items.map((id, index) => (
        <div
          key={id}
          role="option"
          aria-selected={index === menu.selected}
          onMouseDown={(event) => {
            event.preventDefault();
            menu.choose(id);
          }}
          className="cursor-pointer px-3 py-1.5 text-fg aria-selected:bg-primary aria-selected:text-on-primary"
        >
          {t(id)}
        </div>
      ))}
    </div>
  );
}
