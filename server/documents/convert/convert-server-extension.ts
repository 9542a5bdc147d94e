/**
 * Import's route served before Next (server/http/server-extensions.ts): the upload streams to a
 * temporary file instead of being buffered by Next. Export stays a Next route handler
 * (app/api/documents/[id]/export/), since only its response is large and that streams there.
 */
import "server-only";
import type { ServerExtension } from "@/server/http/server-extensions";
import { importRoute } from "@/server/documents/convert/import-route";

export const documentsConvertServerExtension: ServerExtension = {
  id: "documents-convert",
  routes: () => [importRoute],
};
