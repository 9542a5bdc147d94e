// The groupware namespace: the "connect your mail account" form shared by mail, agenda and contacts.
import type groupware from "./messages/fr/groupware.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    groupware: typeof groupware;
  }
}
