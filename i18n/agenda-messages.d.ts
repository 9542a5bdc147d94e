// The agenda module's messages namespace (see i18n/types.ts for the convention).
import type agenda from "./messages/fr/agenda.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    agenda: typeof agenda;
  }
}
