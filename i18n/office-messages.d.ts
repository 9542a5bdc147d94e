// The office module's messages namespace (see i18n/types.ts for the convention).
import type office from "./messages/fr/office.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    office: typeof office;
  }
}
