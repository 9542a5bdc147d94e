// The news module's messages namespace (see i18n/types.ts for the convention).
import type news from "./messages/fr/news.json";

declare module "@/i18n/types" {
  interface PortalMessages {
    news: typeof news;
  }
}
