// The CalDAV client against a real Radicale (test/services/radicale.ts): discovery, calendars,
// create/edit/delete guarded by ETags, recurrence expansion (RRULE, EXDATE, RECURRENCE-ID
// overrides) across the March daylight-saving change in Paris, all-day events, answering an
// invitation, and the refusals (wrong password, stale ETag, a path off the server).
import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CalDavClient, type EventInput } from "@/integrations/caldav";
import { AppError } from "@/server/errors";
import { seedDemoCalendar, startRadicale, type RunningRadicale } from "@/test/services/radicale";

let radicale: RunningRadicale;
const ALICE = { login: "alice", password: "alice-secret" };
const BOB = { login: "bob", password: "bob-secret" };
const ME = ["alice@demo.hopital.test"];

const serverOf = (url: string) => ({ baseUrl: new URL(url), timeoutMs: 10_000 });
const client = (credentials = ALICE) => new CalDavClient(serverOf(radicale.url), credentials);

async function aliceCalendar(): Promise<string> {
  const home = await client().discover();
  const calendars = await client().calendars(home.home);
  const agenda = calendars.find((calendar) => calendar.name === "Agenda");
  if (!agenda) throw new Error("seeded calendar missing");
  return agenda.path;
}

const baseInput: EventInput = {
  summary: "Point hebdo, équipe",
  location: "Salle 3B; 2e étage",
  description: "Ordre du jour :\n- plannings\n- divers",
  allDay: false,
  start: "2026-03-16T09:00",
  end: "2026-03-16T10:00",
  timeZone: "Europe/Paris",
  recurrence: null,
  organizer: null,
  attendees: [],
};

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error("expected a rejection"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  radicale = await startRadicale([ALICE, BOB]);
  await seedDemoCalendar(
    radicale.url,
    { ...ALICE, email: "alice@demo.hopital.test", name: "Alice" },
    new Date("2026-03-16T07:00:00Z"),
  );
});
afterAll(async () => radicale?.stop());

describe("CalDavClient against Radicale", () => {
  it("discovers the principal, the calendar home and the calendars", { timeout: 30_000 }, async () => {
    const home = await client().discover();
    expect(home.home.pathname).toBe("/alice/");
    const calendars = await client().calendars(home.home);
    expect(calendars).toEqual([
      { path: "/alice/agenda/", name: "Agenda", color: "#1d4ed8", ctag: expect.any(String) as string, canWrite: true },
    ]);
  });

  it(
    "lists the seeded week with Paris times, all-day dates and the recurring handover",
    { timeout: 30_000 },
    async () => {
      const path = await aliceCalendar();
      const events = await client().events(
        path,
        new Date("2026-03-16T00:00:00+01:00"),
        new Date("2026-03-23T00:00:00+01:00"),
      );
      const staff = events.find((event) => event.summary === "Staff de service");
      expect(staff).toMatchObject({
        start: "2026-03-16T09:00:00.000Z",
        end: "2026-03-16T10:00:00.000Z",
        timeZone: "Europe/Paris",
      });
      expect(staff?.attendees.map((a) => a.partstat)).toEqual(["ACCEPTED", "ACCEPTED", "TENTATIVE"]);
      expect(events.find((event) => event.summary === "Formation hygiène des mains")).toMatchObject({
        allDay: true,
        start: "2026-03-18",
        end: "2026-03-19",
      });
      const handovers = events.filter((event) => event.summary === "Transmissions du matin");
      expect(handovers.map((event) => event.start)).toEqual([
        "2026-03-16T07:00:00.000Z",
        "2026-03-17T07:00:00.000Z",
        "2026-03-18T07:00:00.000Z",
        "2026-03-19T07:00:00.000Z",
        "2026-03-20T07:00:00.000Z",
      ]);
      expect(handovers[0]?.recurrence).toEqual({
        freq: "WEEKLY",
        interval: 1,
        byDay: ["MO", "TU", "WE", "TH", "FR"],
        count: 20,
        until: null,
      });
    },
  );

  it("creates, edits and deletes an event; a stale ETag is a CONFLICT", { timeout: 30_000 }, async () => {
    const calendar = await aliceCalendar();
    const created = await client().create(calendar, baseInput);
    expect(created.path.startsWith(calendar)).toBe(true);
    const stored = await client().read(created.path);
    expect(stored.ics).toContain("DTSTART;TZID=Europe/Paris:20260316T090000");
    expect(stored.ics).toContain("BEGIN:VTIMEZONE");
    expect(stored.ics).toContain("LOCATION:Salle 3B\\; 2e étage");
    const firstEtag = stored.etag ?? "";

    const edited = await client().update(
      created.path,
      firstEtag,
      {
        ...baseInput,
        summary: "Point hebdo (déplacé)",
        start: "2026-03-16T11:00",
        end: "2026-03-16T12:00",
      },
      ME,
    );
    const [occurrence] = (
      await client().events(calendar, new Date("2026-03-16T00:00:00Z"), new Date("2026-03-17T00:00:00Z"))
    ).filter((event) => event.path === created.path);
    expect(occurrence).toMatchObject({
      summary: "Point hebdo (déplacé)",
      start: "2026-03-16T10:00:00.000Z",
      description: baseInput.description,
    });
    expect(occurrence?.etag).toBe(edited.etag);

    // The first ETag is stale now: editing or deleting with it must not win.
    expect((await rejection(client().update(created.path, firstEtag, baseInput, ME))).code).toBe("CONFLICT");
    expect((await rejection(client().delete(created.path, firstEtag))).code).toBe("CONFLICT");

    await client().delete(created.path, edited.etag ?? "");
    expect((await rejection(client().read(created.path))).code).toBe("NOT_FOUND");
  });

  it(
    "expands a weekly series across the daylight-saving change, with EXDATE and a moved occurrence",
    { timeout: 30_000 },
    async () => {
      const calendar = await aliceCalendar();
      const created = await client().create(calendar, {
        ...baseInput,
        summary: "Staff hebdomadaire",
        recurrence: { freq: "WEEKLY", interval: 1, byDay: ["MO"], count: 5, until: null },
      });
      // Another client (the user's phone) cancels 23 March and moves 6 April to 14:00: written raw.
      const stored = await client().read(created.path);
      const override = [
        "BEGIN:VEVENT",
        `UID:${created.uid}`,
        "RECURRENCE-ID;TZID=Europe/Paris:20260406T090000",
        "DTSTAMP:20260301T000000Z",
        "DTSTART;TZID=Europe/Paris:20260406T140000",
        "DTEND;TZID=Europe/Paris:20260406T150000",
        "SUMMARY:Staff hebdomadaire (après-midi)",
        "END:VEVENT",
      ].join("\r\n");
      const modified = stored.ics
        .replace(/\r?\n/g, "\r\n")
        .replace("BEGIN:VEVENT\r\n", "BEGIN:VEVENT\r\nEXDATE;TZID=Europe/Paris:20260323T090000\r\n")
        .replace("END:VCALENDAR", `${override}\r\nEND:VCALENDAR`);
      const put = await fetch(new URL(created.path, radicale.url), {
        method: "PUT",
        headers: {
          authorization: `Basic ${Buffer.from("alice:alice-secret").toString("base64")}`,
          "content-type": "text/calendar",
          "if-match": stored.etag ?? "*",
        },
        body: modified,
      });
      expect(put.status).toBe(201);

      const events = (
        await client().events(calendar, new Date("2026-03-01T00:00:00Z"), new Date("2026-05-01T00:00:00Z"))
      ).filter((event) => event.uid === created.uid);
      // 09:00 in Paris is 08:00 UTC before 29 March and 07:00 UTC after it.
      expect(events.map((event) => [event.start, event.summary])).toEqual([
        ["2026-03-16T08:00:00.000Z", "Staff hebdomadaire"],
        ["2026-03-30T07:00:00.000Z", "Staff hebdomadaire"],
        ["2026-04-06T12:00:00.000Z", "Staff hebdomadaire (après-midi)"],
        ["2026-04-13T07:00:00.000Z", "Staff hebdomadaire"],
      ]);
      expect(events[2]?.recurrenceId).toBe("2026-04-06T07:00:00.000Z");

      // A range that only holds the moved occurrence finds it.
      const afternoon = await client().events(
        calendar,
        new Date("2026-04-06T11:00:00Z"),
        new Date("2026-04-06T13:00:00Z"),
      );
      expect(afternoon.filter((event) => event.uid === created.uid).map((event) => event.summary)).toEqual([
        "Staff hebdomadaire (après-midi)",
      ]);
    },
  );

  it("writes all-day events and monthly rules with an end date", { timeout: 30_000 }, async () => {
    const calendar = await aliceCalendar();
    const created = await client().create(calendar, {
      ...baseInput,
      summary: "Astreinte",
      allDay: true,
      start: "2026-03-02",
      end: "2026-03-03",
      recurrence: { freq: "MONTHLY", interval: 1, byDay: [], count: null, until: "2026-05-02" },
    });
    expect((await client().read(created.path)).ics).toContain("DTSTART;VALUE=DATE:20260302");
    const events = (
      await client().events(calendar, new Date("2026-01-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z"))
    ).filter((event) => event.uid === created.uid);
    expect(events.map((event) => event.start)).toEqual(["2026-03-02", "2026-04-02", "2026-05-02"]);
    expect(events[0]?.recurrence).toEqual({
      freq: "MONTHLY",
      interval: 1,
      byDay: [],
      count: null,
      until: "2026-05-02",
    });
  });

  it("answers an invitation by setting the user's own PARTSTAT", { timeout: 30_000 }, async () => {
    const calendar = await aliceCalendar();
    const from = new Date("2026-03-17T00:00:00Z");
    const to = new Date("2026-03-18T00:00:00Z");
    const invitation = (await client().events(calendar, from, to)).find((event) =>
      event.summary.startsWith("Réunion qualité"),
    );
    expect(invitation?.attendees.find((a) => a.email === "alice@demo.hopital.test")?.partstat).toBe("NEEDS-ACTION");
    await client().respond(invitation?.path ?? "", invitation?.etag ?? "", ["ALICE@demo.hopital.test"], "ACCEPTED");
    const after = (await client().events(calendar, from, to)).find((event) => event.path === invitation?.path);
    expect(after?.attendees.map((a) => [a.email, a.partstat])).toEqual([
      ["helene.leroux@demo.hopital.test", "ACCEPTED"],
      ["alice@demo.hopital.test", "ACCEPTED"],
    ]);
    const rewrite = await rejection(client().update(after?.path ?? "", after?.etag ?? "", baseInput, ME));
    expect(rewrite.code).toBe("FORBIDDEN");
    const notInvited = await rejection(
      client().respond(after?.path ?? "", after?.etag ?? "", ["someone@else.test"], "DECLINED"),
    );
    expect(notInvited.code).toBe("FORBIDDEN");
  });

  it("refuses a wrong password, another user's calendar and paths off the server", { timeout: 30_000 }, async () => {
    const wrong = await rejection(client({ login: "alice", password: "wrong" }).discover());
    expect(wrong.code).toBe("GROUPWARE_NOT_CONNECTED");
    expect(wrong.userMessage).toMatch(/refused/);
    const path = await aliceCalendar();
    const foreign = await rejection(
      client(BOB).events(path, new Date("2026-03-16T00:00:00Z"), new Date("2026-03-17T00:00:00Z")),
    );
    expect(foreign.code).toBe("FORBIDDEN");
    const offServer = await rejection(client().read("//evil.example/alice/agenda/x.ics"));
    expect(offServer.code).toBe("BACKEND_UNAVAILABLE");
  });

  it(
    "answers BACKEND_UNAVAILABLE when nothing listens and BACKEND_TIMEOUT when the server hangs",
    { timeout: 30_000 },
    async () => {
      const sockets = new Set<Socket>();
      const silent = createServer((socket) => void sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const port = (silent.address() as { port: number }).port;
      try {
        const hanging = new CalDavClient({ baseUrl: new URL(`http://127.0.0.1:${port}/`), timeoutMs: 300 }, ALICE);
        expect((await rejection(hanging.discover())).code).toBe("BACKEND_TIMEOUT");
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
      const closed = new CalDavClient({ baseUrl: new URL(`http://127.0.0.1:${port}/`), timeoutMs: 2000 }, ALICE);
      expect((await rejection(closed.discover())).code).toBe("BACKEND_UNAVAILABLE");
    },
  );
});
