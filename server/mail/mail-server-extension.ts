/**
 * Mail's routes served by the portal's own HTTP server before Next: the attachment download
 * (streamed from IMAP), the sandboxed body document (its own CSP and X-Frame-Options, which Next's
 * proxy would overwrite) and the draft attachment upload (a raw body Next would buffer).
 */
import "server-only";
import type { NodeRoute } from "@/server/http/node-routes";
import type { ServerExtension } from "@/server/http/server-extensions";
import { attachmentRoute } from "@/server/mail/http/attachment-route";
import { draftUploadRoute } from "@/server/mail/http/draft-upload-route";
import { htmlDocumentRoute } from "@/server/mail/http/html-document-route";

/** An error before the request body was read closes the connection (no draining a refused upload). */
function closingOnEarlyError(route: NodeRoute): NodeRoute {
  return {
    prefix: route.prefix,
    handle: async (req, res, url) => {
      try {
        await route.handle(req, res, url);
      } catch (error: unknown) {
        if (!req.complete && !res.headersSent) res.setHeader("connection", "close");
        throw error;
      }
    },
  };
}

export const MAIL_NODE_ROUTES: readonly NodeRoute[] = [attachmentRoute, htmlDocumentRoute, draftUploadRoute].map(
  closingOnEarlyError,
);

export const mailServerExtension: ServerExtension = {
  id: "mail",
  routes: () => MAIL_NODE_ROUTES,
};
