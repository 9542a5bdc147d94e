// The editor page's WOPI part (a server component): opens a WOPI session for the user and file
// (server/office/wopi/open-wopi-session.ts checks the user's rights first) and renders the host
// frame that POSTs the access token into the client's iframe. A client that does not answer, or
// has no action for the format, is a visible message with the file's download, not an error page.
import { WopiFrame } from "@/components/office/wopi-frame";
import type { PortalUser } from "@/server/auth/portal-user";
import { AppError } from "@/server/errors";
import { getTranslations } from "@/server/i18n/get-translations";
import { openWopiSession } from "@/server/office/wopi/open-wopi-session";

export async function WopiEditorSection({
  user,
  fileId,
  fileName,
  locale,
  downloadUrl,
}: {
  user: PortalUser;
  fileId: string;
  fileName: string;
  locale: string;
  downloadUrl: string;
}) {
  const t = await getTranslations("office");
  let session: Awaited<ReturnType<typeof openWopiSession>>;
  try {
    session = await openWopiSession(user, fileId, "edit", { language: locale === "fr" ? "fr-FR" : "en-GB" });
  } catch (error) {
    if (!(error instanceof AppError) || !["BACKEND_UNAVAILABLE", "BAD_REQUEST", "NOT_CONFIGURED"].includes(error.code))
      throw error;
    return (
      <div role="alert" className="m-4 space-y-2 text-sm">
        <p>{error.code === "BAD_REQUEST" ? t("errors.cannotOpen") : t("errors.unavailable")}</p>
        <a className="underline" href={downloadUrl}>
          {t("errors.download")}
        </a>
      </div>
    );
  }
  return (
    <WopiFrame
      actionUrl={session.actionUrl}
      accessToken={session.accessToken}
      accessTokenTtl={session.accessTokenTtl}
      title={t("editorFrameTitle", { name: fileName })}
    />
  );
}
