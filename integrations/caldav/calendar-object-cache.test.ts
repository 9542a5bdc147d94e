// The CTag-validated cache of parsed calendar objects, against a real Radicale
// (test/services/radicale.ts): a repeat listing sends no REPORT and parses nothing, a change made
// by another client is seen at once (the CTag moved), the portal's own write drops the entry at
// once, one person's entry never answers another, and the caps on entries and objects hold.
import { createServer, type Server } from "node:http";
import ICAL from "ical.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CalDavClient, CalendarObjectCache, type CalendarInfo, type EventInput } from "@/integrations/caldav";
import { AppError } from "@/server/errors";
import { seedDemoCalendar, startRadicale, type RunningRadicale } from "@/test/services/radicale";

let radicale: RunningRadicale;
const ALICE = { login: "alice", password: "alice-secret" };
const BOB = { login: "bob", password: "bob-secret" };
const WEEK_START = new Date("2026-03-16T07:00:00Z");
const FROM = new Date("2026-03-16T00:00:00+01:00");
const TO = new Date("2026-03-23T00:00:00+01:00");

const server = () => ({ baseUrl: new URL(radicale.url), timeoutMs: 10_000 });

const input: EventInput = {
  summary: "Réunion ajoutée",
  location: null,
  description: null,
  allDay: false,
  start: "2026-03-18T14:00",
  end: "2026-03-18T15:00",
  timeZone: "Europe/Paris",
  recurrence: null,
  organizer: null,
  attendees: [],
};

/**
 * Radicale seen through a loopback proxy that removes every getctag from its answers: a server
 * offering only sync-tokens (RFC 6578), as some do. Everything else passes through unchanged.
 */
async function withoutGetctag(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const proxy: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string" && name !== "host") headers.set(name, value);
      }
      void fetch(new URL(request.url ?? "/", target), {
        method: request.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        redirect: "manual",
      })
        .then(async (answer) => {
          const body = (await answer.text()).replace(/<(\w+:)?getctag\b[^>]*?(\/>|>[^<]*<\/(\w+:)?getctag>)/g, "");
          response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
          response.end(body);
        })
        .catch(() => response.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

/** Counts the REPORTs sent to Radicale (the requests still go through). */
function countReports(): { reports: () => number } {
  const fetchSpy = vi.spyOn(globalThis, "fetch");
  const before = fetchSpy.mock.calls.length; // the same spy when one is already in place
  return {
    reports: () => fetchSpy.mock.calls.slice(before).filter(([, init]) => init?.method === "REPORT").length,
  };
}

async function calendarOf(client: CalDavClient): Promise<CalendarInfo> {
  const home = await client.discover();
  const [calendar] = await client.calendars(home.home);
  if (!calendar) throw new Error("seeded calendar missing");
  return calendar;
}

beforeAll(async () => {
  radicale = await startRadicale([ALICE, BOB]);
  await seedDemoCalendar(radicale.url, { ...ALICE, email: "alice@demo.hopital.test", name: "Alice" }, WEEK_START);
  await seedDemoCalendar(radicale.url, { ...BOB, email: "bob@demo.hopital.test", name: "Bob" }, WEEK_START);
}, 60_000);
afterAll(async () => radicale?.stop());
afterEach(() => vi.restoreAllMocks());

describe("calendar object cache against Radicale", () => {
  it("answers a repeat listing from the parsed objects: no REPORT, no parsing, same occurrences", async () => {
    const store = new CalendarObjectCache();
    const alice = new CalDavClient(server(), ALICE, { store, identity: "user-a\u0000alice" });
    const calendar = await calendarOf(alice);
    expect(calendar.ctag).toEqual(expect.any(String));
    const counter = countReports();
    const parse = vi.spyOn(ICAL, "parse");
    const first = await alice.events(calendar, FROM, TO);
    expect(first.length).toBeGreaterThan(3);
    expect(counter.reports()).toBe(1);
    const parsedOnce = parse.mock.calls.length;
    expect(parsedOnce).toBeGreaterThan(0);

    const again = await alice.events(await calendarOf(alice), FROM, TO);
    expect(again).toEqual(first);
    again.length = 0; // a caller changing its array leaves the remembered expansion alone
    expect(await alice.events(calendar, FROM, TO)).toEqual(first);
    // A narrower range inside the cached one (the widget's two days) is expanded from the same objects.
    const oneDay = await alice.events(calendar, FROM, new Date("2026-03-17T00:00:00+01:00"));
    expect(oneDay).toEqual(first.filter((event) => event.start < "2026-03-16T23:00:00.000Z"));
    expect(counter.reports()).toBe(1);
    expect(parse.mock.calls.length).toBe(parsedOnce);
    expect(store.stats()).toEqual({ entries: 1, objects: expect.any(Number) as number });

    // Without a CTag (a server that has none) nothing is kept.
    await alice.events({ path: calendar.path, ctag: null }, FROM, TO);
    expect(counter.reports()).toBe(2);
  });

  it("uses the calendar's sync-token when the server offers no getctag", async () => {
    const proxy = await withoutGetctag(radicale.url);
    try {
      const viaProxy = { baseUrl: new URL(proxy.url), timeoutMs: 10_000 };
      const store = new CalendarObjectCache();
      const alice = new CalDavClient(viaProxy, ALICE, { store, identity: "user-a\u0000alice" });
      const calendar = await calendarOf(alice);
      const direct = await calendarOf(new CalDavClient(server(), ALICE));
      expect(calendar.ctag).toMatch(/^http:\/\/radicale\.org\/ns\/sync\//);
      expect(calendar.ctag).not.toBe(direct.ctag);
      const first = await alice.events(calendar, FROM, TO);
      const counter = countReports();
      expect(await alice.events(await calendarOf(alice), FROM, TO)).toEqual(first);
      expect(counter.reports()).toBe(0);
      const created = await new CalDavClient(server(), ALICE).create(calendar.path, input);
      const moved = await calendarOf(alice);
      expect(moved.ctag).not.toBe(calendar.ctag);
      expect((await alice.events(moved, FROM, TO)).some((event) => event.path === created.path)).toBe(true);
      await new CalDavClient(server(), ALICE).delete(created.path, created.etag ?? "*");
    } finally {
      await proxy.close();
    }
  });

  it("sees at once an event another client added directly on Radicale (the CTag moved)", async () => {
    const store = new CalendarObjectCache();
    const alice = new CalDavClient(server(), ALICE, { store, identity: "user-a\u0000alice" });
    const before = await calendarOf(alice);
    const listed = await alice.events(before, FROM, TO);
    const otherClient = new CalDavClient(server(), ALICE);
    const created = await otherClient.create(before.path, { ...input, summary: "Ajout par un autre client" });
    const after = await calendarOf(alice);
    expect(after.ctag).not.toBe(before.ctag);
    const counter = countReports();
    const relisted = await alice.events(after, FROM, TO);
    expect(counter.reports()).toBe(1);
    expect(relisted.map((event) => event.summary)).toContain("Ajout par un autre client");
    expect(relisted).toHaveLength(listed.length + 1);
    await otherClient.delete(created.path, created.etag ?? "*");
  });

  it("drops the calendar's entry on the portal's own writes (create, edit, a refused delete, delete)", async () => {
    const store = new CalendarObjectCache();
    const alice = new CalDavClient(server(), ALICE, { store, identity: "user-a\u0000alice" });
    const calendar = await calendarOf(alice);
    await alice.events(calendar, FROM, TO);
    expect(store.stats().entries).toBe(1);
    const created = await alice.create(calendar.path, input);
    expect(store.stats()).toEqual({ entries: 0, objects: 0 });

    const withCreated = await alice.events(await calendarOf(alice), FROM, TO);
    const mine = withCreated.find((event) => event.path === created.path);
    expect(mine?.summary).toBe("Réunion ajoutée");
    expect(store.stats().entries).toBe(1);
    const edited = await alice.update(created.path, mine?.etag ?? "", { ...input, summary: "Réunion renommée" }, []);
    expect(store.stats().entries).toBe(0);
    const afterEdit = await alice.events(await calendarOf(alice), FROM, TO);
    expect(afterEdit.find((event) => event.path === created.path)?.summary).toBe("Réunion renommée");

    // A refused write (stale ETag) also drops the entry: the cached copy is known to be behind.
    const stale = await alice.delete(created.path, '"stale"').then(
      () => null,
      (error: unknown) => error,
    );
    expect(stale).toBeInstanceOf(AppError);
    expect(store.stats().entries).toBe(0);

    await alice.events(await calendarOf(alice), FROM, TO);
    await alice.delete(created.path, edited.etag ?? "");
    expect(store.stats().entries).toBe(0);
    const afterDelete = await alice.events(await calendarOf(alice), FROM, TO);
    expect(afterDelete.some((event) => event.path === created.path)).toBe(false);
  });

  it("never answers one person from another's entry, even for the same calendar and CTag", async () => {
    const store = new CalendarObjectCache();
    const alice = new CalDavClient(server(), ALICE, { store, identity: "user-a\u0000alice" });
    const bob = new CalDavClient(server(), BOB, { store, identity: "user-b\u0000bob" });
    const aliceCalendar = await calendarOf(alice);
    const bobCalendar = await calendarOf(bob);
    const aliceEvents = await alice.events(aliceCalendar, FROM, TO);
    const bobEvents = await bob.events(bobCalendar, FROM, TO);
    expect(store.stats().entries).toBe(2);
    expect(aliceEvents.every((event) => event.path.startsWith("/alice/"))).toBe(true);
    expect(bobEvents.every((event) => event.path.startsWith("/bob/"))).toBe(true);
    // Bob naming Alice's calendar with her current CTag still goes to Radicale, which refuses him.
    const counter = countReports();
    const refused = await bob.events(aliceCalendar, FROM, TO).then(
      () => null,
      (error: unknown) => error,
    );
    expect(counter.reports()).toBe(1);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("FORBIDDEN");
  });

  it("holds its caps on entries and on objects, dropping the least recently used first", async () => {
    const alice = new CalDavClient(server(), ALICE);
    const calendar = await calendarOf(alice);
    const store = new CalendarObjectCache(2, 10_000);
    const as = (identity: string) => new CalDavClient(server(), ALICE, { store, identity });
    for (const identity of ["one", "two", "three"]) await as(identity).events(calendar, FROM, TO);
    expect(store.stats().entries).toBe(2);
    const perEntry = store.stats().objects / 2; // parsed objects plus the remembered occurrences
    expect(perEntry).toBeGreaterThan(3);
    const counter = countReports();
    await as("three").events(calendar, FROM, TO);
    await as("two").events(calendar, FROM, TO);
    expect(counter.reports()).toBe(0);
    await as("one").events(calendar, FROM, TO); // evicted first: fetched again
    expect(counter.reports()).toBe(1);

    // Room for four entries' objects: the fifth pushes the oldest out, the total never exceeds the cap.
    const byObjects = new CalendarObjectCache(100, perEntry * 4);
    const into = (identity: string) => new CalDavClient(server(), ALICE, { store: byObjects, identity });
    for (const identity of ["a", "b", "c", "d", "e"]) await into(identity).events(calendar, FROM, TO);
    expect(byObjects.stats()).toEqual({ entries: 4, objects: perEntry * 4 });
    const again = countReports();
    await into("a").events(calendar, FROM, TO);
    expect(again.reports()).toBe(1);

    // One range holding more than a quarter of the cap is not kept at all.
    const tiny = new CalendarObjectCache(100, 3);
    await new CalDavClient(server(), ALICE, { store: tiny, identity: "x" }).events(calendar, FROM, TO);
    expect(tiny.stats()).toEqual({ entries: 0, objects: 0 });
  });
});
