// The documents import/export messages namespace (see i18n/types.ts for the convention; namespace
// names are camelCase, as the message loader requires).
import type documentsConvert from "./messages/fr/documentsConvert.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    documentsConvert: typeof documentsConvert;
  }
}
