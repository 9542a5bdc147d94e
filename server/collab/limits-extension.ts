/**
 * The document size limit (COLLAB_MAX_DOCUMENT_BYTES): a change that would take a document past it
 * is refused before it is applied, and the client is told why (its connection to that document is
 * closed with the reason `document-too-large`, which the editor shows). The size is the stored
 * size at load plus every change since (an upper bound; compaction brings it back to the truth).
 * The message-rate limit is per connection, in client-socket.ts.
 */
import "server-only";
import type { Extension, beforeHandleMessagePayload } from "@hocuspocus/server";
import { COLLAB_REFUSALS, collabRefusal } from "@/server/collab/collab-context";
import { changeSize } from "@/server/collab/wire-message";

export function createLimitsExtension(options: {
  maxDocumentBytes: number;
  approximateSize: (documentName: string) => number;
}): Extension {
  return {
    extensionName: "portal-limits",
    async beforeHandleMessage({ update, documentName, connection }: beforeHandleMessagePayload): Promise<void> {
      if (connection.readOnly) return;
      const size = changeSize(update);
      if (size === 0) return;
      if (options.approximateSize(documentName) + size > options.maxDocumentBytes) {
        throw collabRefusal(COLLAB_REFUSALS.documentTooLarge);
      }
    },
  };
}
