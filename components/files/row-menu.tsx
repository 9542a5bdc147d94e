"use client";
/**
 * A row's actions menu (the "⋯" button): the way to act on one file on a phone, and from the
 * keyboard with Shift+F10 or the context-menu key on a focused row. An ARIA menu: arrow keys move
 * between items, Escape closes and returns focus to the row, Tab closes it.
 *
 * The toggle is out of the tab order (tabIndex -1): the list has one tab stop (its focused row)
 * and reaches this menu through the row's keys.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { FileIcon } from "./file-icons";

export interface RowMenuItem {
  id: string;
  label: string;
  icon: string;
  danger?: boolean;
  onSelect: () => void;
}

export function RowMenu({
  label,
  items,
  open,
  onOpenChange,
  returnFocusTo,
}: {
  label: string;
  items: RowMenuItem[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: () => void;
}) {
  const menuId = useId();
  const menuRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !containerRef.current?.contains(event.target)) onOpenChange(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, onOpenChange]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // The grid's own keys (Space, Enter, F2, Delete) must not act on the row behind the menu.
    event.stopPropagation();
    const menuItems = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const current = menuItems.indexOf(document.activeElement as HTMLElement);
    if (event.key === "Escape") {
      event.preventDefault();
      onOpenChange(false);
      returnFocusTo();
    } else if (event.key === "Tab") {
      onOpenChange(false);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp" || event.key === "Home" || event.key === "End") {
      event.preventDefault();
      const last = menuItems.length - 1;
      const next =
        event.key === "Home"
          ? 0
          : event.key === "End"
            ? last
            : event.key === "ArrowDown"
              ? current >= last
                ? 0
                : current + 1
              : current <= 0
                ? last
                : current - 1;
      menuItems[next]?.focus();
    }
  }

  return (
    <div ref={containerRef} className="relative" onKeyDown={onKeyDown}>
      <button
        type="button"
        tabIndex={-1}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={(event) => {
          event.stopPropagation();
          onOpenChange(!open);
        }}
        className="rounded p-1.5 text-fg-muted hover:bg-surface-muted hover:text-fg"
      >
        <FileIcon name="more" />
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className="absolute right-0 z-30 mt-1 min-w-52 rounded-md border border-border bg-surface py-1 shadow-lg"
        >
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={(event) => {
                event.stopPropagation();
                onOpenChange(false);
                item.onSelect();
              }}
              className={`flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-muted focus:bg-surface-muted ${item.danger ? "text-danger" : "text-fg"}`}
            >
              <FileIcon name={item.icon} className="size-4" />
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
