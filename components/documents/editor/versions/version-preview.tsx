"use client";
/** A past version shown read-only, with the same schema as the editor (no collaboration). */
import { EditorContent, useEditor } from "@tiptap/react";
import type { JSONContent } from "@tiptap/core";
import { useTranslations } from "use-intl";
import { documentExtensions } from "@/components/documents/editor/document-extensions";
import { secondaryButton } from "@/components/documents/shared/button-styles";

export function VersionPreview({
  label,
  content,
  onClose,
}: {
  label: string;
  content: JSONContent;
  onClose: () => void;
}) {
  const t = useTranslations("documents.versions");
  const editor = useEditor({ extensions: documentExtensions(), content, editable: false, immediatelyRender: false }, [
    content,
  ]);
  return (
    <section aria-label={label} data-testid="version-preview" className="rounded border-2 border-amber-500 bg-surface">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-border bg-amber-50 px-3 py-2 text-sm text-fg">
        <span className="font-medium">{label}</span>
        <button type="button" className={secondaryButton} onClick={onClose}>
          {t("closeView")}
        </button>
      </div>
      <EditorContent editor={editor} className="document-content px-4 py-3" />
    </section>
  );
}
