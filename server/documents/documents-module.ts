/**
 * The documents module: the portal's own co-edited documents (tiptap + Yjs, collaboration server in
 * server/collab/). Always enabled — it needs nothing but the portal's database. Its navigation entry
 * opens the document list; its dashboard widget lists the documents the person opened last.
 */
import "server-only";
import type { PortalModule } from "@/server/modules/types";
import { getTranslations } from "@/server/i18n/get-translations";
import { listDocuments } from "@/server/documents/list-documents";
import { TIME_ZONE } from "@/i18n/locales";
import {
  RecentDocumentsWidget,
  type RecentDocumentsWidgetData,
} from "@/components/documents/widget/recent-documents-widget";

export const RECENT_DOCUMENTS_WIDGET_MAX = 5;

export const documentsModule: PortalModule<RecentDocumentsWidgetData> = {
  id: "documents",
  isEnabled: () => true,
  nav: { href: "/documents", labelKey: "documents", icon: "documents" },
  widget: {
    titleKey: "documents",
    Component: RecentDocumentsWidget,
    async load({ user, locale }) {
      const [items, t] = await Promise.all([
        listDocuments(user.id, "recent", RECENT_DOCUMENTS_WIDGET_MAX),
        getTranslations("documents"),
      ]);
      const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
      return {
        items: items.map((item) => ({
          id: item.id,
          title: item.title,
          dateTime: item.lastOpenedAt ?? item.updatedAt,
          date: dates.format(new Date(item.lastOpenedAt ?? item.updatedAt)),
        })),
        labels: { empty: t("widget.empty"), listLabel: t("widget.listLabel"), all: t("widget.all") },
      };
    },
  },
};
