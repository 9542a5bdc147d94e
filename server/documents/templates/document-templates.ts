/**
 * The templates the portal offers. Adding one: a DocumentTemplate here plus its name and field
 * labels in i18n/messages/{fr,en}/documents.json under `templates.<id>`.
 */
import "server-only";
import type { DocumentTemplate } from "@/server/documents/templates/template-types";
import {
  bulletList,
  doc,
  heading,
  labelled,
  paragraph,
  table,
  taskList,
  text,
} from "@/server/documents/templates/template-builders";

const dischargeSummary: DocumentTemplate = {
  id: "discharge-summary",
  titleField: "patient",
  fields: [
    { id: "patient", kind: "text", required: true },
    { id: "birthDate", kind: "date" },
    { id: "admissionDate", kind: "date", required: true },
    { id: "dischargeDate", kind: "date", required: true },
    { id: "service", kind: "text", required: true },
    { id: "physician", kind: "text", required: true },
    { id: "reason", kind: "multiline" },
    { id: "summary", kind: "multiline" },
    { id: "dischargeTreatment", kind: "multiline" },
    { id: "followUp", kind: "multiline" },
  ],
  content: doc(
    heading(1, "Compte rendu d'hospitalisation"),
    labelled("Patient", "patient"),
    labelled("Date de naissance", "birthDate"),
    labelled("Service", "service"),
    labelled("Médecin responsable", "physician"),
    labelled("Date d'entrée", "admissionDate"),
    labelled("Date de sortie", "dischargeDate"),
    heading(2, "Motif d'hospitalisation"),
    paragraph(text("{{reason}}")),
    heading(2, "Synthèse du séjour"),
    paragraph(text("{{summary}}")),
    heading(2, "Traitement de sortie"),
    paragraph(text("{{dischargeTreatment}}")),
    heading(2, "Suivi"),
    paragraph(text("{{followUp}}")),
  ),
};

const meetingMinutes: DocumentTemplate = {
  id: "meeting-minutes",
  titleField: "subject",
  fields: [
    { id: "subject", kind: "text", required: true },
    { id: "date", kind: "date", required: true },
    { id: "attendees", kind: "multiline" },
    { id: "agenda", kind: "multiline" },
  ],
  content: doc(
    heading(1, "Compte rendu de réunion"),
    labelled("Objet", "subject"),
    labelled("Date", "date"),
    labelled("Participants", "attendees"),
    heading(2, "Ordre du jour"),
    paragraph(text("{{agenda}}")),
    heading(2, "Décisions"),
    bulletList(""),
    heading(2, "Actions"),
    table(["Action", "Responsable", "Échéance"], [["", "", ""]]),
  ),
};

const careProtocol: DocumentTemplate = {
  id: "care-protocol",
  titleField: "title",
  fields: [
    { id: "title", kind: "text", required: true },
    { id: "service", kind: "text", required: true },
    { id: "author", kind: "text" },
    { id: "scope", kind: "multiline" },
  ],
  content: doc(
    heading(1, "Protocole de soins"),
    labelled("Intitulé", "title"),
    labelled("Service", "service"),
    labelled("Rédacteur", "author"),
    heading(2, "Objet et domaine d'application"),
    paragraph(text("{{scope}}")),
    heading(2, "Étapes"),
    taskList("Vérifier l'identité du patient", "Préparer le matériel", "Tracer le soin dans le dossier"),
    heading(2, "Références"),
    paragraph(),
  ),
};

export const DOCUMENT_TEMPLATES: readonly DocumentTemplate[] = [dischargeSummary, meetingMinutes, careProtocol];

export function findTemplate(templateId: string): DocumentTemplate | undefined {
  return DOCUMENT_TEMPLATES.find((template) => template.id === templateId);
}
