/**
 * The documents editor's routes served before Next (server/http/server-extensions.ts): image
 * upload and download, which stream. The collaboration server is its own extension (server/collab/).
 */
import "server-only";
import type { ServerExtension } from "@/server/http/server-extensions";
import { documentImagesRoute } from "@/server/documents/images/document-images-route";

export const documentsServerExtension: ServerExtension = {
  id: "documents",
  routes: () => [documentImagesRoute],
};
