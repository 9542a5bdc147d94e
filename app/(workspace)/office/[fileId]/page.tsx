// The office editor page (/office/{fileId}): a file of Files opened in the configured editor —
// OnlyOffice (Docs API) or the WOPI client, as server/office/choose-editor.ts decides — filling
// the page under a header with "back to Files", the file's name and its actions. The file is
// resolved by id through the storage first: an unknown id or another user's file is the
// not-found page, never an editor.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { OfficeDocumentActions } from "@/components/office/office-document-actions";
import { OnlyOfficeEditor } from "@/components/office/onlyoffice-editor";
import { requireUser } from "@/server/auth/current-user";
import type { PortalUser } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import { chooseEditor } from "@/server/office/choose-editor";
import { resolveOfficeFile } from "@/server/office/resolve-office-file";
import { onlyOfficeSettings } from "@/server/office/onlyoffice/onlyoffice-settings";
import { extensionOf, onlyOfficeFormat } from "@/integrations/onlyoffice/formats";
import { WopiEditorSection } from "./wopi-editor-section";

type Params = { params: Promise<{ fileId: string }> };

async function loadFile(user: PortalUser, fileId: string) {
  try {
    return await resolveOfficeFile({ user }, fileId);
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash <= 0 ? "/" : path.slice(0, slash);
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const user = await requireUser();
  const { fileId } = await params;
  return { title: (await loadFile(user, fileId)).name };
}

export default async function OfficeEditorPage({ params }: Params) {
  const user = await requireUser();
  const { fileId } = await params;
  const file = await loadFile(user, fileId);
  const config = env();
  const editor = chooseEditor(file.name, config);
  const [locale, t, nonce] = await Promise.all([
    getLocale(),
    getTranslations("office"),
    headers().then((list) => list.get("x-nonce") ?? undefined),
  ]);
  const messages = await getClientMessages(locale, ["office"]);
  const format = onlyOfficeFormat(extensionOf(file.name));
  const downloadUrl = `/api/files/content?path=${encodeURIComponent(file.path)}&download=1`;
  const canConvert = onlyOfficeSettings(config) !== null && format !== null && format.documentType !== "pdf";

  return (
    <IntlClientProvider locale={locale} messages={messages}>
      <div className="flex h-[calc(100dvh-9rem)] min-h-[32rem] flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="min-w-0 space-y-1">
            <a
              href={`/files?path=${encodeURIComponent(folderOf(file.path))}`}
              className="text-sm text-primary-ink underline"
            >
              {t("back")}
            </a>
            <h1 className="truncate text-xl font-semibold" title={file.name}>
              {file.name}
            </h1>
          </div>
          {canConvert ? (
            <OfficeDocumentActions fileId={file.id} convertibleTo={format?.convertTo ?? null} canSaveAsPdf={true} />
          ) : null}
        </div>
        {editor === "onlyoffice" && format?.convertTo ? (
          <p className="text-sm text-fg-muted">{t("legacyReadOnly")}</p>
        ) : null}
        <div className="min-h-0 flex-1 overflow-hidden rounded border border-border">
          {editor === "onlyoffice" ? (
            <OnlyOfficeEditor fileId={file.id} nonce={nonce} downloadUrl={downloadUrl} />
          ) : editor === "wopi" ? (
            <WopiEditorSection
              user={user}
              fileId={file.id}
              fileName={file.name}
              locale={locale}
              downloadUrl={downloadUrl}
            />
          ) : (
            <div role="alert" className="m-4 space-y-2 text-sm">
              <p>{t("errors.cannotOpen")}</p>
              <a className="underline" href={downloadUrl}>
                {t("errors.download")}
              </a>
            </div>
          )}
        </div>
      </div>
    </IntlClientProvider>
  );
}
