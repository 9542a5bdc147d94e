// The documents module's messages namespace (see i18n/types.ts for the convention).
import type documents from "./messages/fr/documents.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    documents: typeof documents;
  }
}
