// The contacts namespace: the /contacts page, the people search's messages and the people picker.
import type contacts from "./messages/fr/contacts.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    contacts: typeof contacts;
  }
}
