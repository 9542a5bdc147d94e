// The header bell's messages namespace (see i18n/types.ts for the convention).
import type notifications from "./messages/fr/notifications.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    notifications: typeof notifications;
  }
}
