/**
 * What modules add to the portal's own HTTP server (server/main.ts), beside Next: routes that
 * stream (server/http/node-routes.ts) and long-lived connections (the collaboration server's
 * WebSocket through `attachUpgradeHandler`). Each module contributes one `ServerExtension`, listed
 * in SERVER_EXTENSIONS; a module keeps its code in its own folder and appears here on one line.
 *
 * Loaded by main.ts after allow-server-only.ts, so extensions may use the session, database and
 * audit modules like any page does.
 */
import type { TEnv } from "@/server/env";
import type { NodeRoute } from "@/server/http/node-routes";
import type { PortalServer } from "@/server/http/portal-server";
import { collabServerExtension } from "@/server/collab/collab-server-extension";
import { filesServerExtension } from "@/server/files/files-server-extension";
import { documentsServerExtension } from "@/server/documents/documents-server-extension";
import { documentsConvertServerExtension } from "@/server/documents/convert/convert-server-extension";
import { mailServerExtension } from "@/server/mail/mail-server-extension";
import { onlyOfficeServerExtension } from "@/server/office/office-server-extension";
import { wopiServerExtension } from "@/server/office/wopi/wopi-server-extension";
import { demoGroupwareServerExtension } from "@/server/demo-groupware/demo-groupware-server-extension";
import { embedServerExtension } from "@/server/embed/embed-server-extension";

export interface ServerExtension {
  id: string;
  /** Routes answered before Next (prefix match). */
  routes?: (config: TEnv) => readonly NodeRoute[];
  /** Attaches upgrade handlers and shutdown hooks; runs once before the server listens. */
  attach?: (portal: PortalServer, config: TEnv) => Promise<void> | void;
}

export const SERVER_EXTENSIONS: readonly ServerExtension[] = [
  collabServerExtension,
  filesServerExtension,
  documentsServerExtension,
  documentsConvertServerExtension,
  mailServerExtension,
  onlyOfficeServerExtension,
  wopiServerExtension,
  demoGroupwareServerExtension,
  embedServerExtension,
];
