// The mail module's messages namespace (see i18n/types.ts for the convention).
import type mail from "./messages/fr/mail.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    mail: typeof mail;
  }
}
