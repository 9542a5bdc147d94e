/**
 * Reading a series, creating, editing, deleting and answering events for the signed-in person, with ids resolved
 * against their own calendars only. The person is the ORGANIZER of what they create with
 * attendees (and an attendee who has accepted); deleting is audited (ids only, never content).
 */
import "server-only";
import { InvalidEventInputError, type EventInput, type Partstat } from "@/integrations/caldav";
import type { PortalUser } from "@/server/auth/portal-user";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";
import { encodeAgendaId, resolveCalendar, resolveEvent } from "@/server/agenda/agenda-ids";
import type { TEventBody } from "@/server/agenda/agenda-schemas";
import { openAgenda, type OpenAgenda } from "@/server/agenda/open-agenda";
import { toApiEvent } from "@/server/agenda/to-api-event";
import type { TAgendaEvent } from "@/components/agenda/api/types";

function toEventInput(body: TEventBody, agenda: OpenAgenda): EventInput {
  const attendees = body.attendees.map((attendee) => ({
    email: attendee.email.toLowerCase(),
    name: attendee.name ?? null,
    role: attendee.role,
    partstat: "NEEDS-ACTION" as Partstat,
  }));
  const self = agenda.self;
  if (attendees.length > 0 && self && !attendees.some((attendee) => agenda.addresses.includes(attendee.email))) {
    attendees.unshift({ email: self.email, name: self.name, role: "CHAIR", partstat: "ACCEPTED" });
  }
  for (const attendee of attendees) {
    if (self && attendee.email === self.email) attendee.partstat = "ACCEPTED";
  }
  return {
    summary: body.summary,
    location: body.location || null,
    description: body.description || null,
    allDay: body.allDay,
    start: body.start,
    end: body.end,
    timeZone: body.timeZone,
    recurrence: body.recurrence ?? null,
    organizer: self,
    attendees,
  };
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidEventInputError)
      throw new AppError("BAD_REQUEST", { userMessage: error.message, cause: error });
    throw error;
  }
}

function writableCalendar<T extends { canWrite: boolean }>(calendar: T): T {
  if (!calendar.canWrite) throw new AppError("FORBIDDEN", { userMessage: "this calendar is read-only for you" });
  return calendar;
}

export async function createAgendaEvent(
  user: PortalUser,
  calendarId: string,
  body: TEventBody,
  signal?: AbortSignal,
): Promise<{ id: string; etag: string | null }> {
  const agenda = await openAgenda(user, signal);
  const calendar = writableCalendar(resolveCalendar(agenda.calendars, calendarId));
  const created = await guard(() => agenda.client.create(calendar.path, toEventInput(body, agenda), signal));
  return { id: encodeAgendaId(created.path), etag: created.etag };
}

export async function updateAgendaEvent(
  user: PortalUser,
  eventId: string,
  etag: string,
  body: TEventBody,
  signal?: AbortSignal,
): Promise<{ etag: string | null }> {
  const agenda = await openAgenda(user, signal);
  const { path, calendar } = resolveEvent(agenda.calendars, eventId);
  writableCalendar(calendar);
  return guard(() => agenda.client.update(path, etag, toEventInput(body, agenda), agenda.addresses, signal));
}

export async function deleteAgendaEvent(
  user: PortalUser,
  eventId: string,
  etag: string,
  signal?: AbortSignal,
): Promise<void> {
  const agenda = await openAgenda(user, signal);
  const { path, calendar } = resolveEvent(agenda.calendars, eventId);
  writableCalendar(calendar);
  await agenda.client.delete(path, etag, signal);
  await recordAuditEvent({
    action: "agenda.event_deleted",
    actorUserId: user.id,
    targetType: "agenda_event",
    targetId: eventId.slice(0, 256),
  });
}

export async function respondToInvitation(
  user: PortalUser,
  eventId: string,
  etag: string,
  partstat: "ACCEPTED" | "DECLINED" | "TENTATIVE",
  signal?: AbortSignal,
): Promise<{ etag: string | null }> {
  const agenda = await openAgenda(user, signal);
  const { path } = resolveEvent(agenda.calendars, eventId);
  return agenda.client.respond(path, etag, agenda.addresses, partstat, signal);
}

/** The whole series behind an event id (its first occurrence, the rule, the object's ETag): what an edit starts from. */
export async function readAgendaSeries(user: PortalUser, eventId: string, signal?: AbortSignal): Promise<TAgendaEvent> {
  const agenda = await openAgenda(user, signal);
  const { path, calendar } = resolveEvent(agenda.calendars, eventId);
  return toApiEvent(await agenda.client.series(path, signal), calendar, agenda.addresses);
}
