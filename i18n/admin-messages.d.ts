// The admin namespace: the /admin page (service status, audit log, people and their sessions).
import type admin from "./messages/fr/admin.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    admin: typeof admin;
  }
}
