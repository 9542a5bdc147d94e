/**
 * The agenda's dashboard widget and notification source, under the caller's deadline:
 *
 *   - widget: today's and tomorrow's events (days in Europe/Paris), each linking to its day in
 *     /agenda; GROUPWARE_NOT_CONNECTED becomes the connect form, not an error;
 *   - notifications: invitations of the next two weeks still waiting for the person's answer.
 *     Nothing is stored: the CalDAV server's PARTSTAT is the truth, so any process answers the same.
 */
import "server-only";
import { parseLocale, TIME_ZONE, type TLocale } from "@/i18n/locales";
import { addDays, startOfDayInstant, todayIn, zonedParts } from "@/components/agenda/calendar-dates";
import type { AgendaWidgetData, AgendaWidgetItem } from "@/components/agenda/widget/agenda-widget";
import type { TAgendaEvent } from "@/components/agenda/api/types";
import { touchesDay } from "@/components/agenda/event-placement";
import { listAgendaEvents } from "@/server/agenda/list-agenda-events";
import { AppError } from "@/server/errors";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getTranslations } from "@/server/i18n/get-translations";
import { readUserEmail } from "@/server/mail/widget/read-user-email";
import type { PortalNotification, WidgetContext } from "@/server/modules/types";

export const AGENDA_WIDGET_MAX_ITEMS_PER_DAY = 6;
export const INVITATION_WINDOW_DAYS = 14;
export const MAX_AGENDA_NOTIFICATIONS = 10;

export function dayHref(day: string): string {
  return `/agenda?view=day&date=${day}`;
}

export async function loadAgendaWidget({ user, locale, signal }: WidgetContext): Promise<AgendaWidgetData> {
  const language: TLocale = parseLocale(locale);
  const t = await getTranslations("agenda", language);
  const today = todayIn(TIME_ZONE);
  const tomorrow = addDays(today, 1);
  let events: TAgendaEvent[];
  try {
    const answer = await listAgendaEvents(
      user,
      { from: startOfDayInstant(today, TIME_ZONE), to: startOfDayInstant(addDays(today, 2), TIME_ZONE) },
      signal,
    );
    events = answer.events;
  } catch (error) {
    if (!(error instanceof AppError && error.code === "GROUPWARE_NOT_CONNECTED")) throw error;
    const [messages, email] = await Promise.all([getClientMessages(language, ["groupware"]), readUserEmail(user.id)]);
    return { state: "not-connected", locale: language, messages, email };
  }
  const times = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE });
  const item = (event: TAgendaEvent, day: string): AgendaWidgetItem => {
    let time = t("widget.allDay");
    if (!event.allDay) {
      const start = new Date(event.start);
      const end = new Date(event.end);
      // An event that began on an earlier day (a night on call) shows its end only.
      const startsToday = zonedParts(start, TIME_ZONE).date === day;
      time = startsToday ? times.formatRange(start, end) : `→ ${times.format(end)}`;
    }
    return {
      key: event.key,
      href: dayHref(day),
      summary: event.summary || t("grid.untitled"),
      time,
      dateTime: event.allDay ? event.start : event.start,
      location: event.location,
      invitation: event.myPartstat === "NEEDS-ACTION",
    };
  };
  return {
    state: "ok",
    days: [
      { key: "today", title: t("widget.today"), day: today },
      { key: "tomorrow", title: t("widget.tomorrow"), day: tomorrow },
    ].map(({ key, title, day }) => ({
      key,
      title,
      items: events
        .filter((event) => touchesDay(event, day))
        .sort((a, b) => Number(b.allDay) - Number(a.allDay) || Date.parse(a.start) - Date.parse(b.start))
        .slice(0, AGENDA_WIDGET_MAX_ITEMS_PER_DAY)
        .map((event) => item(event, day)),
    })),
    labels: { empty: t("widget.empty"), open: t("widget.open"), invitation: t("widget.invitation") },
  };
}

export async function agendaNotifications({ user, locale, signal }: WidgetContext): Promise<PortalNotification[]> {
  const language: TLocale = parseLocale(locale);
  const t = await getTranslations("agenda", language);
  const today = todayIn(TIME_ZONE);
  let events: TAgendaEvent[];
  try {
    events = (
      await listAgendaEvents(
        user,
        {
          from: startOfDayInstant(today, TIME_ZONE),
          to: startOfDayInstant(addDays(today, INVITATION_WINDOW_DAYS), TIME_ZONE),
        },
        signal,
      )
    ).events;
  } catch (error) {
    if (error instanceof AppError && (error.code === "GROUPWARE_NOT_CONNECTED" || error.code === "NOT_CONFIGURED"))
      return [];
    throw error;
  }
  const when = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
  const days = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  const seen = new Set<string>();
  const notifications: PortalNotification[] = [];
  for (const event of events) {
    if (event.myPartstat !== "NEEDS-ACTION" || seen.has(event.id)) continue;
    seen.add(event.id);
    const day = event.allDay ? event.start : zonedParts(new Date(event.start), TIME_ZONE).date;
    notifications.push({
      id: `agenda:${event.id}`,
      module: "agenda",
      title: t("invitation.notification", { summary: event.summary || t("grid.untitled") }).slice(0, 300),
      body: event.allDay ? days.format(new Date(`${event.start}T00:00:00Z`)) : when.format(new Date(event.start)),
      href: dayHref(day),
      createdAt: new Date().toISOString(),
    });
    if (notifications.length >= MAX_AGENDA_NOTIFICATIONS) break;
  }
  return notifications;
}
