/** A new document's default title: the template's name, then its title field's value ("Compte rendu d'hospitalisation – M. Dupont"). */
import "server-only";
import { getTranslations } from "@/server/i18n/get-translations";
import type { DocumentTemplate } from "@/server/documents/templates/template-types";

const MAX_TITLE = 200;

export async function templateTitle(template: DocumentTemplate, values: Record<string, string>): Promise<string> {
  const t = await getTranslations("documents");
  const name = t(`templates.${template.id}.name` as "templates.discharge-summary.name");
  const suffix = template.titleField ? (values[template.titleField] ?? "") : "";
  return (suffix ? `${name} – ${suffix}` : name).slice(0, MAX_TITLE);
}
