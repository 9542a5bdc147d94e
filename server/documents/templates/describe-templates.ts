/** The templates as the "new document" dialog shows them: name, description and labelled fields in the caller's language. */
import "server-only";
import { getTranslations } from "@/server/i18n/get-translations";
import { DOCUMENT_TEMPLATES } from "@/server/documents/templates/document-templates";
import type { TemplateField } from "@/server/documents/templates/template-types";

export interface TemplateDescription {
  id: string;
  name: string;
  description: string;
  fields: Array<TemplateField & { label: string }>;
}

export async function describeTemplates(): Promise<TemplateDescription[]> {
  const t = await getTranslations("documents");
  // Keys are built from ids; the i18n test checks every template has its messages in both languages.
  const message = (key: string) => t(key as "templates.discharge-summary.name");
  return DOCUMENT_TEMPLATES.map((template) => ({
    id: template.id,
    name: message(`templates.${template.id}.name`),
    description: message(`templates.${template.id}.description`),
    fields: template.fields.map((field) => ({
      ...field,
      label: message(`templates.${template.id}.fields.${field.id}`),
    })),
  }));
}
