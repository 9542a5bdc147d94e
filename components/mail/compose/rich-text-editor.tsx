"use client";
/**
 * The compose window's body editor: tiptap with StarterKit (paragraphs, bold, italic, lists,
 * quotes, links — no collaboration: a mail has one author). It reports both forms a mail needs on
 * every change: the HTML (sanitised again by the server before sending) and the text alternative
 * (`editor.getText()`, paragraphs separated by blank lines), so the text part always matches.
 *
 * A small toolbar with a roving tab stop (Tab enters it once, arrows move) keeps it keyboard-usable.
 */
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useTranslations } from "use-intl";

export interface EditorValue {
  html: string;
  text: string;
}

const toolButton =
  "inline-flex size-9 items-center justify-center rounded text-sm text-fg hover:bg-surface-muted aria-pressed:bg-surface-muted aria-pressed:font-bold focus-visible:outline-2 focus-visible:outline-primary";

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const t = useTranslations("mail.compose.toolbar");
  const ref = useRef<HTMLDivElement>(null);
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      blockquote: current.isActive("blockquote"),
    }),
  });
  const buttons: Array<{ id: keyof typeof active; glyph: string; run: () => void }> = [
    { id: "bold", glyph: "B", run: () => editor.chain().focus().toggleBold().run() },
    { id: "italic", glyph: "I", run: () => editor.chain().focus().toggleItalic().run() },
    { id: "bulletList", glyph: "•", run: () => editor.chain().focus().toggleBulletList().run() },
    { id: "orderedList", glyph: "1.", run: () => editor.chain().focus().toggleOrderedList().run() },
    { id: "blockquote", glyph: "❝", run: () => editor.chain().focus().toggleBlockquote().run() },
  ];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? []);
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    let next = index;
    if (event.key === "ArrowRight") next = (index + 1) % items.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + items.length) % items.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = items.length - 1;
    else return;
    event.preventDefault();
    for (const [position, item] of items.entries()) item.tabIndex = position === next ? 0 : -1;
    items[next]?.focus();
  }

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={label}
      onKeyDown={onKeyDown}
      className="flex flex-wrap gap-1 border-b border-border px-1 py-1"
    >
      {buttons.map((button, position) => (
        <button
          key={button.id}
          type="button"
          tabIndex={position === 0 ? 0 : -1}
          aria-pressed={active[button.id]}
          onMouseDown={(event) => event.preventDefault()}
          onClick={button.run}
          className={toolButton}
        >
          <span aria-hidden="true">{button.glyph}</span>
          <span className="sr-only">{t(button.id)}</span>
        </button>
      ))}
    </div>
  );
}

export function RichTextEditor({
  initialHtml,
  label,
  onChange,
}: {
  /** The starting content (a reply's quoted original); read once, at mount. */
  initialHtml: string;
  label: string;
  onChange: (value: EditorValue) => void;
}) {
  const t = useTranslations("mail.compose");
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [StarterKit.configure({ heading: false, codeBlock: false, horizontalRule: false })],
    content: initialHtml,
    editorProps: {
      attributes: {
        class:
          "mail-compose-body min-h-48 px-3 py-2 text-sm outline-none [&_blockquote]:border-l-2 [&_blockquote]:border-border-strong [&_blockquote]:pl-3 [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6 [&_p]:my-1",
        role: "textbox",
        "aria-label": label,
        "aria-multiline": "true",
        "data-testid": "compose-body",
      },
    },
    onUpdate: ({ editor: current }) =>
      onChangeRef.current({ html: current.getHTML(), text: current.getText({ blockSeparator: "\n\n" }) }),
  });

  return (
    <div className="rounded border border-border-strong bg-surface focus-within:outline-2 focus-within:outline-primary">
      {editor ? <Toolbar editor={editor} label={t("toolbar.label")} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}
