"use client";
/**
 * A message's body. The HTML view is the server's sanitised document in an iframe with an EMPTY
 * sandbox (no scripts, no same-origin, no forms, no popups, no top navigation) and the route's own
 * CSP on top: even markup the sanitiser missed could neither run nor read the portal. The frame has
 * a fixed comfortable height and scrolls inside (measuring its content would need scripts in it).
 *
 * Remote images stay blocked until the person asks for them, for this message only (the choice is
 * not remembered: a tracking pixel should need a decision each time). The plain-text view shows the
 * text part as text.
 */
import { useState } from "react";
import { useTranslations } from "use-intl";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";
import { messageHtmlUrl } from "./api/mail-queries";
import type { MessageDetail } from "./api/types";

export function MessageBody({ message }: { message: MessageDetail }) {
  const t = useTranslations("mail.reader");
  const [view, setView] = useState<"html" | "text">(message.html === null ? "text" : "html");
  const [imagesAllowed, setImagesAllowed] = useState(false);
  const hasHtml = message.html !== null;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {hasHtml ? (
          <button
            type="button"
            className={buttonClass.secondary}
            aria-pressed={view === "text"}
            onClick={() => setView(view === "html" ? "text" : "html")}
            data-testid="mail-text-toggle"
          >
            {view === "html" ? t("showText") : t("showHtml")}
          </button>
        ) : null}
        {hasHtml && view === "html" && message.remoteImagesBlocked && !imagesAllowed ? (
          <>
            <p className="text-sm text-fg-muted">{t("imagesBlocked")}</p>
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => setImagesAllowed(true)}
              data-testid="mail-show-images"
            >
              {t("showImages")}
            </button>
          </>
        ) : null}
      </div>
      {message.truncated ? <p className="text-sm text-fg-muted">{t("truncated")}</p> : null}
      {hasHtml && view === "html" ? (
        <iframe
          key={`${message.folder}:${message.uid}:${imagesAllowed ? "images" : "plain"}`}
          // An empty sandbox: no scripts, no same-origin access, no forms, no navigation of the portal.
          sandbox=""
          src={messageHtmlUrl(message.folder, message.uid, imagesAllowed)}
          title={t("bodyFrame", { subject: message.subject || t("noSubject") })}
          referrerPolicy="no-referrer"
          data-testid="mail-body-frame"
          className="h-[60dvh] min-h-64 w-full rounded border border-border bg-white"
        />
      ) : (
        <pre
          className="max-h-[60dvh] min-h-32 overflow-auto whitespace-pre-wrap break-words rounded border border-border bg-surface p-3 font-sans text-sm"
          data-testid="mail-body-text"
          tabIndex={0}
          aria-label={t("textBody")}
        >
          {message.text}
        </pre>
      )}
    </div>
  );
}
