/**
 * The agenda module: /agenda in the launcher (day, week, month), a dashboard widget (today and
 * tomorrow), invitations waiting for an answer in the header bell, and the CalDAV server's health
 * for GET /api/ready. Enabled by CALDAV_URL alone.
 *
 * Read as the person (server/groupware/credentials.ts): when they have not connected their
 * account, the widget shows the connect form and the bell has nothing from the agenda.
 */
import "server-only";
import type { PortalModule } from "@/server/modules/types";
import { agendaNotifications, loadAgendaWidget } from "@/server/agenda/widget/load-agenda-widget";
import { AgendaWidget, type AgendaWidgetData } from "@/components/agenda/widget/agenda-widget";

export const agendaModule: PortalModule<AgendaWidgetData> = {
  id: "agenda",
  isEnabled: (config) => config.CALDAV_URL !== undefined,
  nav: { href: "/agenda", labelKey: "agenda", icon: "agenda" },
  widget: { titleKey: "agenda", Component: AgendaWidget, load: loadAgendaWidget },
  notifications: agendaNotifications,
  async health(config, signal) {
    if (!config.CALDAV_URL) return { state: "down", reason: "not configured" };
    // Any HTTP answer (401 included: no credentials are sent) means the server is there.
    try {
      const response = await fetch(config.CALDAV_URL, { method: "OPTIONS", redirect: "manual", signal });
      await response.body?.cancel();
      return response.status >= 500 ? { state: "degraded", reason: `http ${response.status}` } : { state: "up" };
    } catch (error) {
      if (signal.aborted) return { state: "down", reason: "timeout" };
      const code = (error as { cause?: { code?: string } }).cause?.code;
      return { state: "down", reason: code === "ECONNREFUSED" ? "connection refused" : "unreachable" };
    }
  },
};
