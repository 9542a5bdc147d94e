// The account module's messages namespace (see i18n/types.ts for the convention).
import type account from "./messages/fr/account.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    account: typeof account;
  }
}
