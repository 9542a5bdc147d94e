// The files module's messages namespace (see i18n/types.ts for the convention).
import type files from "./messages/fr/files.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    files: typeof files;
  }
}
