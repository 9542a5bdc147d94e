"use client";
/**
 * "New document": blank, or from a template whose fields are asked for here. The server fills the
 * values in as text (never HTML) and stores the content before the editor opens.
 */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { documentsApi } from "@/components/documents/api/documents-api";
import type { TemplateDescription } from "@/components/documents/api/types";
import { ModalDialog } from "@/components/documents/shared/modal-dialog";
import { useErrorMessage } from "@/components/documents/shared/use-error-message";
import { inputStyle, primaryButton, secondaryButton } from "@/components/documents/shared/button-styles";

export function CreateDocumentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("documents.create");
  const errorMessage = useErrorMessage();
  const [templates, setTemplates] = useState<TemplateDescription[]>([]);
  const [templateId, setTemplateId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const router = useRouter();

  useEffect(() => {
    if (!open || templates.length > 0) return;
    documentsApi.templates().then(setTemplates, (failure: unknown) => setError(errorMessage(failure)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once when first opened
  }, [open]);

  const template = templates.find((candidate) => candidate.id === templateId);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const title = String(data.get("title") ?? "").trim();
    const fields: Record<string, string> = {};
    for (const field of template?.fields ?? []) fields[field.id] = String(data.get(`field-${field.id}`) ?? "");
    setBusy(true);
    setError(null);
    try {
      const created = await documentsApi.create({
        title: title === "" ? undefined : title,
        ...(template ? { templateId: template.id, fields } : {}),
      });
      router.push(`/documents/${created.id}`);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <ModalDialog open={open} title={t("title")} onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <label className="block text-sm font-medium">
          {t("templateLabel")}
          <select
            name="template"
            value={templateId}
            onChange={(event) => setTemplateId(event.target.value)}
            className={`mt-1 ${inputStyle}`}
          >
            <option value="">{t("blank")}</option>
            {templates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        {template ? <p className="text-sm text-fg-muted">{template.description}</p> : null}
        <label className="block text-sm font-medium">
          {t("titleLabel")}
          <input name="title" maxLength={200} className={`mt-1 ${inputStyle}`} />
        </label>
        {template?.fields.map((field) => (
          <label key={`${template.id}-${field.id}`} className="block text-sm font-medium">
            {field.label}
            {field.required ? <span className="text-fg-muted"> ({t("required")})</span> : null}
            {field.kind === "multiline" ? (
              <textarea name={`field-${field.id}`} rows={3} maxLength={5000} className={`mt-1 ${inputStyle}`} />
            ) : (
              <input
                name={`field-${field.id}`}
                type={field.kind === "date" ? "date" : "text"}
                required={field.required}
                maxLength={5000}
                className={`mt-1 ${inputStyle}`}
              />
            )}
          </label>
        ))}
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={onClose}>
            {t("cancel")}
          </button>
          <button type="submit" className={primaryButton} disabled={busy}>
            {busy ? t("creating") : t("submit")}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
