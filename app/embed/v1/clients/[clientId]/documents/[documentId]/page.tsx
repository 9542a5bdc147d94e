// The chrome-less editor in a vendor's iframe (/embed/v1/clients/{clientId}/documents/{documentId}).
// Authenticated by the embed cookie only, and only for the session's own client and document:
// anything else shows "session ended" (proxy.ts already limited framing to this client's origins;
// the path names the client for that reason — server/embed/ui-bridge/embed-paths.ts). The
// language is the session's; the role is the session's (view → read-only, enforced by the
// collaboration server).
import type { Metadata } from "next";
import { EmbeddedEditor } from "@/components/embed/embedded-editor";
import { SessionEndedNotice } from "@/components/embed/session-ended-notice";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import "@/components/documents/editor/document-content.css";
import { getDocumentSummary } from "@/server/documents/get-document-summary";
import { clientAllowedOrigins } from "@/server/embed/clients";
import type { EmbedSession } from "@/server/embed/embed-session";
import { getCurrentEmbedSession } from "@/server/embed/ui-bridge/current-embed-session";
import { chooseParentOrigin, parseEmbedEditorPath, embedEditorPath } from "@/server/embed/ui-bridge/embed-paths";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";

type Props = {
  params: Promise<{ clientId: string; documentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The session, when the cookie opens one for exactly this client and document. */
async function sessionFor(params: Props["params"]): Promise<EmbedSession | null> {
  const { clientId, documentId } = await params;
  const address = parseEmbedEditorPath(embedEditorPath(clientId, documentId, null));
  if (!address) return null;
  const session = await getCurrentEmbedSession();
  return session && session.clientId === address.clientId && session.documentId === address.documentId ? session : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const session = await sessionFor(params);
  if (!session) return { referrer: "no-referrer" };
  const summary = await getDocumentSummary(session.userId, session.documentId);
  return { title: summary.title, referrer: "no-referrer" };
}

export default async function EmbeddedDocumentPage({ params, searchParams }: Props) {
  const session = await sessionFor(params);
  const requestedParent = (await searchParams).parent;
  const parent = typeof requestedParent === "string" ? requestedParent : null;
  if (!session) {
    const locale = await getLocale();
    const { clientId } = await params;
    return (
      <IntlClientProvider locale={locale} messages={await getClientMessages(locale, ["embed"])}>
        <main>
          <SessionEndedNotice parentOrigin={chooseParentOrigin(parent, clientAllowedOrigins(clientId))} />
        </main>
      </IntlClientProvider>
    );
  }
  const summary = await getDocumentSummary(session.userId, session.documentId, { markOpened: true });
  const messages = await getClientMessages(session.locale, ["documents", "documentsConvert", "embed"]);
  return (
    <IntlClientProvider locale={session.locale} messages={messages}>
      <main lang={session.locale}>
        <EmbeddedEditor
          documentId={session.documentId}
          title={summary.title}
          role={session.role}
          user={{ id: session.userId, displayName: session.userDisplayName }}
          parentOrigin={chooseParentOrigin(parent, session.allowedOrigins)}
        />
      </main>
    </IntlClientProvider>
  );
}
