// The embed module's messages namespace (the iframe for hospital software; see i18n/types.ts).
import type embed from "./messages/fr/embed.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    embed: typeof embed;
  }
}
