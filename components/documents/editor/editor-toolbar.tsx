"use client";
/**
 * The formatting toolbar: one `role="toolbar"` with a roving tab stop (Tab enters it once, the
 * arrow keys move between buttons, Home/End jump), toggle buttons that say whether they are on
 * (aria-pressed), and French labels from the i18n layer. Undo/redo are the Yjs undo manager's, so
 * they undo only this person's own changes.
 */
import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { useTranslations } from "use-intl";
import { iconButton } from "@/components/documents/shared/button-styles";
import { isAllowedLinkHref } from "@/components/documents/editor/document-extensions";

function ToolButton({
  label,
  pressed,
  disabled,
  onClick,
  children,
}: {
  label: string;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      tabIndex={-1}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      className={iconButton}
    >
      {/* The glyph is decoration; the name is the (visually hidden) label, so there is no
          aria-label whose text differs from what is shown (axe: label-content-name-mismatch). */}
      <span aria-hidden="true">{children}</span>
      <span className="sr-only">{label}</span>
    </button>
  );
}

export function EditorToolbar({
  editor,
  canEdit,
  canComment,
  onImage,
  onComment,
  onMessage,
}: {
  editor: Editor;
  canEdit: boolean;
  canComment: boolean;
  onImage: () => void;
  onComment: () => void;
  onMessage: (message: string) => void;
}) {
  const t = useTranslations("documents.editor.toolbar");
  const ref = useRef<HTMLDivElement>(null);
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      underline: current.isActive("underline"),
      strike: current.isActive("strike"),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      taskList: current.isActive("taskList"),
      blockquote: current.isActive("blockquote"),
      link: current.isActive("link"),
      table: current.isActive("table"),
      block: current.isActive("heading", { level: 1 })
        ? "h1"
        : current.isActive("heading", { level: 2 })
          ? "h2"
          : current.isActive("heading", { level: 3 })
            ? "h3"
            : "p",
      align:
        (["left", "center", "right", "justify"] as const).find((a) => current.isActive({ textAlign: a })) ?? "left",
    }),
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>("button:not([disabled]), select") ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    let next = -1;
    if (event.key === "ArrowRight") next = (index + 1) % items.length;
    if (event.key === "ArrowLeft") next = (index + items.length - 1) % items.length;
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = items.length - 1;
    if (next < 0) return;
    event.preventDefault();
    items.forEach((item, position) => (item.tabIndex = position === next ? 0 : -1));
    items[next]?.focus();
  }

  function onFocusIn() {
    // Exactly one item is in the tab order: the one last focused, or the first.
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>("button:not([disabled]), select") ?? []);
    if (!items.some((item) => item.tabIndex === 0) && items[0]) items[0].tabIndex = 0;
  }

  const chain = () => editor.chain().focus();
  const setLink = () => {
    const previous = (editor.getAttributes("link").href as string | undefined) ?? "";
    const href = window.prompt(t("linkPrompt"), previous);
    if (href === null) return;
    if (href.trim() === "") return void chain().extendMarkRange("link").unsetLink().run();
    if (!isAllowedLinkHref(href.trim())) return onMessage(t("linkInvalid"));
    chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
  };

  const separator = <span aria-hidden="true" className="mx-1 h-6 w-px bg-border" />;
  const blockValue = active.block;

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={t("label")}
      aria-orientation="horizontal"
      onKeyDown={onKeyDown}
      onFocus={onFocusIn}
      tabIndex={-1}
      className="flex flex-wrap items-center gap-0.5 border-b border-border bg-surface-muted px-2 py-1"
    >
      {canEdit ? (
        <>
          <ToolButton label={t("undo")} onClick={() => chain().undo().run()}>
            ↶
          </ToolButton>
          <ToolButton label={t("redo")} onClick={() => chain().redo().run()}>
            ↷
          </ToolButton>
          {separator}
          <select
            tabIndex={0}
            aria-label={t("blockStyle")}
            value={blockValue}
            onChange={(event) => {
              const value = event.target.value;
              if (value === "p") chain().setParagraph().run();
              else
                chain()
                  .setHeading({ level: Number(value.slice(1)) as 1 | 2 | 3 })
                  .run();
            }}
            className="h-9 rounded border border-border bg-surface px-1 text-sm text-fg focus-visible:outline-2 focus-visible:outline-primary"
          >
            <option value="p">{t("paragraph")}</option>
            <option value="h1">{t("heading1")}</option>
            <option value="h2">{t("heading2")}</option>
            <option value="h3">{t("heading3")}</option>
          </select>
          {separator}
          <ToolButton label={t("bold")} pressed={active.bold} onClick={() => chain().toggleBold().run()}>
            <b>G</b>
          </ToolButton>
          <ToolButton label={t("italic")} pressed={active.italic} onClick={() => chain().toggleItalic().run()}>
            <i>I</i>
          </ToolButton>
          <ToolButton label={t("underline")} pressed={active.underline} onClick={() => chain().toggleUnderline().run()}>
            <u>S</u>
          </ToolButton>
          <ToolButton label={t("strike")} pressed={active.strike} onClick={() => chain().toggleStrike().run()}>
            <s>B</s>
          </ToolButton>
          {separator}
          <ToolButton
            label={t("bulletList")}
            pressed={active.bulletList}
            onClick={() => chain().toggleBulletList().run()}
          >
            •≡
          </ToolButton>
          <ToolButton
            label={t("orderedList")}
            pressed={active.orderedList}
            onClick={() => chain().toggleOrderedList().run()}
          >
            1.
          </ToolButton>
          <ToolButton label={t("taskList")} pressed={active.taskList} onClick={() => chain().toggleTaskList().run()}>
            ☑
          </ToolButton>
          <ToolButton
            label={t("blockquote")}
            pressed={active.blockquote}
            onClick={() => chain().toggleBlockquote().run()}
          >
            ❝
          </ToolButton>
          {separator}
          {(["left", "center", "right", "justify"] as const).map((align) => (
            <ToolButton
              key={align}
              label={t(`align${align[0]?.toUpperCase()}${align.slice(1)}` as "alignLeft")}
              pressed={active.align === align}
              onClick={() => chain().setTextAlign(align).run()}
            >
              {align === "left" ? "⇤" : align === "center" ? "↔" : align === "right" ? "⇥" : "☰"}
            </ToolButton>
          ))}
          {separator}
          <ToolButton label={t("link")} pressed={active.link} onClick={setLink}>
            🔗
          </ToolButton>
          <ToolButton label={t("image")} onClick={onImage}>
            🖼
          </ToolButton>
          <ToolButton
            label={t("table")}
            onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
          >
            ▦
          </ToolButton>
          {active.table ? (
            <>
              <ToolButton label={t("addRow")} onClick={() => chain().addRowAfter().run()}>
                +≡
              </ToolButton>
              <ToolButton label={t("addColumn")} onClick={() => chain().addColumnAfter().run()}>
                +‖
              </ToolButton>
              <ToolButton label={t("deleteTable")} onClick={() => chain().deleteTable().run()}>
                ✕▦
              </ToolButton>
            </>
          ) : null}
        </>
      ) : null}
      {canComment ? (
        <>
          {canEdit ? separator : null}
          <button
            type="button"
            tabIndex={canEdit ? -1 : 0}
            onMouseDown={(event) => event.preventDefault()}
            onClick={onComment}
            className={`${iconButton} gap-1`}
          >
            <span aria-hidden="true">💬</span> {t("comment")}
          </button>
        </>
      ) : null}
    </div>
  );
}
