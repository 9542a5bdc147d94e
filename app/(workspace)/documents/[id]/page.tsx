// The document editor (/documents/[id]). The role is checked here first: someone without access
// gets the not-found page (as for a document that does not exist), never the editor.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { DocumentEditor } from "@/components/documents/editor/document-editor";
import "@/components/documents/editor/document-content.css";
import { requireUser } from "@/server/auth/current-user";
import { getDocumentSummary } from "@/server/documents/get-document-summary";
import { isDocumentId } from "@/server/documents/access";
import { AppError } from "@/server/errors";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";

type Params = { params: Promise<{ id: string }> };

async function loadSummary(userId: string, id: string) {
  if (!isDocumentId(id)) notFound();
  try {
    return await getDocumentSummary(userId, id, { markOpened: true });
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const user = await requireUser();
  const { id } = await params;
  const summary = await loadSummary(user.id, id);
  return { title: summary.title };
}

export default async function DocumentPage({ params }: Params) {
  const user = await requireUser();
  const { id } = await params;
  const summary = await loadSummary(user.id, id);
  const locale = await getLocale();
  const messages = await getClientMessages(locale, ["documents", "documentsConvert"]);
  return (
    <IntlClientProvider locale={locale} messages={messages}>
      <DocumentEditor
        documentId={summary.id}
        title={summary.title}
        role={summary.role}
        user={{ id: user.id, displayName: user.displayName }}
      />
    </IntlClientProvider>
  );
}
