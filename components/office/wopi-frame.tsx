"use client";
/**
 * The WOPI host page's editor part: an iframe, and a hidden form POSTed into it once, carrying
 * `access_token` and `access_token_ttl` to the WOPI client's action URL (WOPI "host page"). The
 * token travels in the POST body, never in a URL the browser shows, keeps in its history or sends
 * as a Referer; the action URL itself holds only WOPISrc and the interface language.
 *
 * The props come from openWopiSession (server/office/wopi/open-wopi-session.ts), called by the
 * editor page (app/(workspace)/office/[fileId]). The page's CSP lets this page frame and post to
 * the WOPI client's origin only (server/http/security-headers.ts, editorOrigins). `title` is the
 * iframe's accessible name, already translated by the page.
 */
import { useEffect, useId, useRef } from "react";

export interface WopiFrameProps {
  actionUrl: string;
  accessToken: string;
  /** Absolute expiry in ms since the epoch, as WOPI defines access_token_ttl. */
  accessTokenTtl: number;
  title: string;
  className?: string;
}

export function WopiFrame({ actionUrl, accessToken, accessTokenTtl, title, className }: WopiFrameProps) {
  const form = useRef<HTMLFormElement>(null);
  const frameName = `wopi-frame-${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;

  useEffect(() => {
    // Once per session: a new token or action URL (another file) posts again.
    form.current?.submit();
  }, [actionUrl, accessToken]);

  return (
    <div className={className ?? "flex h-full min-h-[70vh] w-full flex-col"}>
      <form ref={form} action={actionUrl} method="post" target={frameName} hidden aria-hidden="true">
        <input type="hidden" name="access_token" value={accessToken} />
        <input type="hidden" name="access_token_ttl" value={String(accessTokenTtl)} />
      </form>
      <iframe
        name={frameName}
        title={title}
        className="h-full w-full flex-1 border-0"
        allow="clipboard-read; clipboard-write; fullscreen"
        allowFullScreen
        referrerPolicy="no-referrer"
        sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals"
      />
    </div>
  );
}
