// The Agenda API as Next calls it, against a real Radicale: calendars, a week of events with
// recurrences expanded, create/edit/delete with ETags (409 on a stale one), invitation answers,
// the video-meeting hook (503 without a provider; called with the event when one is registered);
// and the refusals: bad ranges and bodies answered 400 naming the field, crafted ids (another
// user's calendar, dot segments, another host) never reaching the server, 403
// GROUPWARE_NOT_CONNECTED without a stored login or with a password the server refuses.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoCalendar, type RunningRadicale } from "@/scripts/standins/radicale";
import { callNextRoute as call, type RouteAnswer, type RouteErrorBody } from "@/test/support/call-next-route";
import { ALICE_ACCOUNT, CHLOE_ACCOUNT, startGroupwareTestbed } from "@/test/support/groupware-testbed";
import type { SignedInUser } from "@/test/support/signed-in-user";
import type { PortalUser } from "@/server/auth/portal-user";
import type { TAgendaCalendarsResponse, TAgendaEvent, TAgendaEventsResponse } from "@/components/agenda/api/types";

vi.mock("@/server/auth/current-user", () => import("@/test/support/call-next-route"));

type Body = RouteErrorBody & Record<string, unknown>;

let radicale: RunningRadicale;
let alice: SignedInUser;
let bruno: SignedInUser;
let chloe: SignedInUser;
const ALICE_EMAIL = "alice.martin@demo.hopital.test";
// Monday 16 March 2026 (the week before the daylight-saving change).
const SEEDED_AT = new Date("2026-03-16T07:00:00Z");
const WEEK = "from=2026-03-16T00:00:00%2B01:00&to=2026-03-23T00:00:00%2B01:00";

beforeAll(async () => {
  // Chloé's stored password is wrong: the server refuses it (GROUPWARE_NOT_CONNECTED).
  ({ radicale, alice, bruno, chloe } = await startGroupwareTestbed({
    urlVariables: ["CALDAV_URL"],
    chloeStoredPassword: "wrong-password",
  }));
  const { db } = await import("@/server/db/client");
  const { users } = await import("@/server/db/schema");
  await (await db()).update(users).set({ email: ALICE_EMAIL }).where(eq(users.id, alice.user.id));
  await seedDemoCalendar(radicale.url, { ...ALICE_ACCOUNT, email: ALICE_EMAIL }, SEEDED_AT);
  await seedDemoCalendar(radicale.url, CHLOE_ACCOUNT, SEEDED_AT);
}, 120_000);

afterAll(async () => radicale?.stop());

afterEach(async () => {
  const { registerVideoMeetingProvider } = await import("@/server/agenda/video-meeting-hook");
  registerVideoMeetingProvider(null);
});

const calendarsRoute = () => import("@/app/api/agenda/calendars/route");
const eventsRoute = () => import("@/app/api/agenda/events/route");
const eventRoute = () => import("@/app/api/agenda/events/[id]/route");
const participationRoute = () => import("@/app/api/agenda/events/[id]/participation/route");
const videoRoute = () => import("@/app/api/agenda/events/[id]/video-meeting/route");

async function aliceCalendarId(): Promise<string> {
  const { GET } = await calendarsRoute();
  const answer = await call(alice, GET, { method: "GET", url: "/api/agenda/calendars" });
  const body = answer.body as unknown as TAgendaCalendarsResponse;
  return body.calendars[0]?.id ?? "";
}

async function week(as = alice): Promise<TAgendaEvent[]> {
  const { GET } = await eventsRoute();
  const answer = await call(as, GET, { method: "GET", url: `/api/agenda/events?${WEEK}` });
  expect(answer.status).toBe(200);
  return (answer.body as unknown as TAgendaEventsResponse).events;
}

const meeting = {
  summary: "Réunion de service",
  location: "Salle 3B",
  description: "Ordre du jour :\n- plannings",
  allDay: false,
  start: "2026-03-18T14:00",
  end: "2026-03-18T15:00",
  attendees: [{ email: "bruno.durand@demo.hopital.test", name: "Bruno Durand" }],
};

describe("agenda API", () => {
  it("lists the calendars and a week of events with the recurrence expanded", async () => {
    const { GET } = await calendarsRoute();
    const answer = await call(alice, GET, { method: "GET", url: "/api/agenda/calendars" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      calendars: [{ name: "Agenda", color: "#1d4ed8", canWrite: true }],
      videoMeetings: false,
    });
    const events = await week();
    expect(events.filter((event) => event.summary === "Transmissions du matin")).toHaveLength(5);
    const invitation = events.find((event) => event.summary.startsWith("Réunion qualité"));
    expect(invitation).toMatchObject({ myPartstat: "NEEDS-ACTION", canWrite: false });
    expect(events.find((event) => event.summary === "Staff de service")).toMatchObject({
      myPartstat: null,
      canWrite: true,
    });
  });

  it("creates, edits and deletes an event; stale ETags answer 409", async () => {
    const { POST } = await eventsRoute();
    const { GET, PUT, DELETE } = await eventRoute();
    const calendarId = await aliceCalendarId();
    const created = await call(alice, POST, {
      method: "POST",
      url: "/api/agenda/events",
      body: { calendarId, event: meeting },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const listed = (await week()).find((event) => event.id === id);
    expect(listed).toMatchObject({ summary: "Réunion de service", start: "2026-03-18T13:00:00.000Z", canWrite: true });
    // The organizer is added as an attendee who accepted; the invitee has not answered.
    expect(listed?.attendees.map((a) => [a.email, a.partstat])).toEqual([
      [ALICE_EMAIL, "ACCEPTED"],
      ["bruno.durand@demo.hopital.test", "NEEDS-ACTION"],
    ]);
    expect(listed?.organizer?.email).toBe(ALICE_EMAIL);

    const series = await call(alice, GET, { method: "GET", url: "/x", params: { id } });
    expect((series.body.event as TAgendaEvent).etag).toBe(listed?.etag);

    const edited = await call(alice, PUT, {
      method: "PUT",
      url: "/x",
      params: { id },
      body: {
        etag: listed?.etag,
        event: { ...meeting, summary: "Réunion déplacée", start: "2026-03-19T08:30", end: "2026-03-19T09:30" },
      },
    });
    expect(edited.status).toBe(200);
    expect((await week()).find((event) => event.id === id)).toMatchObject({
      summary: "Réunion déplacée",
      start: "2026-03-19T07:30:00.000Z",
    });

    const stale = await call(alice, PUT, {
      method: "PUT",
      url: "/x",
      params: { id },
      body: { etag: listed?.etag, event: meeting },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe("CONFLICT");
    const staleDelete = await call(alice, DELETE, {
      method: "DELETE",
      url: `/x?etag=${encodeURIComponent(listed?.etag ?? "")}`,
      params: { id },
    });
    expect(staleDelete.status).toBe(409);

    const deleted = await call(alice, DELETE, {
      method: "DELETE",
      url: `/x?etag=${encodeURIComponent(String(edited.body.etag))}`,
      params: { id },
    });
    expect(deleted.status).toBe(204);
    expect((await week()).some((event) => event.id === id)).toBe(false);
    const { db } = await import("@/server/db/client");
    const { auditLog } = await import("@/server/db/schema");
    const audited = await (await db()).select().from(auditLog).where(eq(auditLog.action, "agenda.event_deleted"));
    expect(audited.map((row) => [row.actorUserId, row.targetId])).toContainEqual([alice.user.id, id]);
  });

  it("answers an invitation, and refuses to rewrite someone else's meeting", async () => {
    const { POST } = await participationRoute();
    const { PUT } = await eventRoute();
    const invitation = (await week()).find((event) => event.summary.startsWith("Réunion qualité"));
    const rewrite = await call(alice, PUT, {
      method: "PUT",
      url: "/x",
      params: { id: invitation?.id ?? "" },
      body: { etag: invitation?.etag, event: meeting },
    });
    expect(rewrite.status).toBe(403);
    const answer = await call(alice, POST, {
      method: "POST",
      url: "/x",
      params: { id: invitation?.id ?? "" },
      body: { etag: invitation?.etag, partstat: "ACCEPTED" },
    });
    expect(answer.status).toBe(200);
    expect((await week()).find((event) => event.id === invitation?.id)?.myPartstat).toBe("ACCEPTED");
    const bad = await call(alice, POST, {
      method: "POST",
      url: "/x",
      params: { id: invitation?.id ?? "" },
      body: { etag: "x", partstat: "NEEDS-ACTION" },
    });
    expect(bad.status).toBe(400);
  });

  it("adds a video meeting only through a registered provider, which receives the event", async () => {
    const { POST: create } = await eventsRoute();
    const { POST } = await videoRoute();
    const calendarId = await aliceCalendarId();
    const created = await call(alice, create, {
      method: "POST",
      url: "/api/agenda/events",
      body: { calendarId, event: { ...meeting, location: null } },
    });
    const id = created.body.id as string;
    const etag = created.body.etag as string;

    const without = await call(alice, POST, { method: "POST", url: "/x", params: { id }, body: { etag } });
    expect(without.status).toBe(503);
    expect(without.body.error?.code).toBe("NOT_CONFIGURED");

    const { registerVideoMeetingProvider } = await import("@/server/agenda/video-meeting-hook");
    const createMeeting = vi.fn(() => Promise.resolve({ joinUrl: "https://visio.hopital.test/room/abc-123" }));
    registerVideoMeetingProvider({ id: "test", createMeeting });
    const { GET: calendars } = await calendarsRoute();
    expect((await call(alice, calendars, { method: "GET", url: "/api/agenda/calendars" })).body.videoMeetings).toBe(
      true,
    );

    const added = await call(alice, POST, { method: "POST", url: "/x", params: { id }, body: { etag } });
    expect(added.status).toBe(200);
    expect(added.body.joinUrl).toBe("https://visio.hopital.test/room/abc-123");
    expect(createMeeting).toHaveBeenCalledTimes(1);
    const request = (createMeeting.mock.calls[0] as unknown as [{ user: PortalUser; event: TAgendaEvent }])[0];
    expect(request.user.id).toBe(alice.user.id);
    expect(request.event).toMatchObject({ id, summary: "Réunion de service", start: "2026-03-18T13:00:00.000Z" });
    const after = (await week()).find((event) => event.id === id);
    expect(after?.location).toBe("https://visio.hopital.test/room/abc-123");
    expect(after?.description).toContain("https://visio.hopital.test/room/abc-123");
  });

  it("answers bad queries and bodies with 400 naming the field", async () => {
    const { GET, POST } = await eventsRoute();
    const calendarId = await aliceCalendarId();
    const cases: Array<[string, Promise<RouteAnswer<Body>>, string]> = [
      [
        "range too long",
        call(alice, GET, {
          method: "GET",
          url: "/api/agenda/events?from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z",
        }),
        "to",
      ],
      [
        "not a date",
        call(alice, GET, { method: "GET", url: "/api/agenda/events?from=yesterday&to=2026-04-01T00:00:00Z" }),
        "from",
      ],
      [
        "reversed",
        call(alice, GET, {
          method: "GET",
          url: "/api/agenda/events?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z",
        }),
        "to",
      ],
      [
        "CR/LF in summary",
        call(alice, POST, {
          method: "POST",
          url: "/x",
          body: { calendarId, event: { ...meeting, summary: "x\r\nATTENDEE:mailto:evil@x" } },
        }),
        "event.summary",
      ],
      [
        "bad attendee",
        call(alice, POST, {
          method: "POST",
          url: "/x",
          body: { calendarId, event: { ...meeting, attendees: [{ email: "not-an-address" }] } },
        }),
        "event.attendees.0.email",
      ],
      [
        "end before start",
        call(alice, POST, {
          method: "POST",
          url: "/x",
          body: { calendarId, event: { ...meeting, end: "2026-03-18T13:00" } },
        }),
        "event.end",
      ],
      [
        "impossible date",
        call(alice, POST, {
          method: "POST",
          url: "/x",
          body: { calendarId, event: { ...meeting, start: "2026-02-30T10:00" } },
        }),
        "event.start",
      ],
      [
        "unknown zone",
        call(alice, POST, {
          method: "POST",
          url: "/x",
          body: { calendarId, event: { ...meeting, timeZone: "Mars/Olympus" } },
        }),
        "event.timeZone",
      ],
      [
        "count and until",
        call(alice, POST, {
          method: "POST",
          url: "/x",
          body: { calendarId, event: { ...meeting, recurrence: { freq: "DAILY", count: 3, until: "2026-04-01" } } },
        }),
        "event.recurrence",
      ],
    ];
    for (const [label, pending, field] of cases) {
      const answer = await pending;
      expect(answer.status, label).toBe(400);
      expect(JSON.stringify(answer.body.error), label).toContain(field);
    }
  });

  it("never lets a crafted id reach another collection or host", async () => {
    const { POST } = await eventsRoute();
    const { DELETE } = await eventRoute();
    const encode = (path: string) => Buffer.from(path).toString("base64url");
    const chloeCalendar = await call(alice, POST, {
      method: "POST",
      url: "/x",
      body: { calendarId: encode("/chloe.admin/agenda/"), event: meeting },
    });
    expect(chloeCalendar.status).toBe(404);
    const climbing = await call(alice, DELETE, {
      method: "DELETE",
      url: "/x?etag=x",
      params: { id: encode("/alice.martin/agenda/../../chloe.admin/agenda/x.ics") },
    });
    expect(climbing.status).toBe(400);
    const otherHost = await call(alice, POST, {
      method: "POST",
      url: "/x",
      body: { calendarId: encode("//evil.example/alice.martin/agenda/"), event: meeting },
    });
    expect(otherHost.status).toBe(400);
    const notBase64 = await call(alice, DELETE, { method: "DELETE", url: "/x?etag=x", params: { id: "a/b" } });
    expect(notBase64.status).toBe(400);
    const nested = await call(alice, DELETE, {
      method: "DELETE",
      url: "/x?etag=x",
      params: { id: encode("/alice.martin/agenda/sub/x.ics") },
    });
    expect(nested.status).toBe(404);
  });

  it("says GROUPWARE_NOT_CONNECTED without a stored login or when the server refuses it, and 401 without a session", async () => {
    const { GET } = await calendarsRoute();
    const missing = await call(bruno, GET, { method: "GET", url: "/api/agenda/calendars" });
    expect(missing.status).toBe(403);
    expect(missing.body.error?.code).toBe("GROUPWARE_NOT_CONNECTED");
    const refused = await call(chloe, GET, { method: "GET", url: "/api/agenda/calendars" });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "GROUPWARE_NOT_CONNECTED" });
    expect(refused.body.error?.message).toMatch(/refused/);
    const anonymous = await call(null, GET, { method: "GET", url: "/api/agenda/calendars" });
    expect(anonymous.status).toBe(401);
  });
});
