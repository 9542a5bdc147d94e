/**
 * The office module's routes served by the portal's own HTTP server, before Next: what the
 * OnlyOffice Document Server calls (the file's download, streamed; the callbacks, whose saves
 * stream into storage). Listed once in server/http/server-extensions.ts.
 */
import "server-only";
import type { ServerExtension } from "@/server/http/server-extensions";
import { onlyOfficeCallbackRoute } from "@/server/office/http/onlyoffice-callback-route";
import { onlyOfficeDownloadRoute } from "@/server/office/http/onlyoffice-download-route";

export const ONLYOFFICE_NODE_ROUTES = [onlyOfficeDownloadRoute, onlyOfficeCallbackRoute] as const;

export const onlyOfficeServerExtension: ServerExtension = {
  id: "onlyoffice",
  routes: () => ONLYOFFICE_NODE_ROUTES,
};
