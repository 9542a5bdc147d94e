// The agenda's parsed-objects cache as the portal uses it (openAgenda → listAgendaEvents, the
// dashboard widget, the write functions), against a real Radicale and both databases: the repeat
// widget load sends one PROPFIND and no REPORT, the portal's own create/answer/delete shows at once,
// a change by another client shows at once, two people's widgets never mix, and forgetting one
// person drops only their entries.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CalDavClient } from "@/integrations/caldav";
import { seedDemoCalendar, startRadicale, type RunningRadicale } from "@/scripts/standins/radicale";
import { signInTestUser, type SignedInUser } from "@/test/support/signed-in-user";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";

let radicale: RunningRadicale;
let alice: SignedInUser;
let bruno: SignedInUser;
const ALICE_EMAIL = "alice.martin@demo.hopital.test";
const BRUNO_EMAIL = "bruno.durand@demo.hopital.test";

function countRequests(): { count: (method: string) => number } {
  const fetchSpy = vi.spyOn(globalThis, "fetch");
  const before = fetchSpy.mock.calls.length;
  return {
    count: (method) => fetchSpy.mock.calls.slice(before).filter(([, init]) => init?.method === method).length,
  };
}

const signal = () => AbortSignal.timeout(10_000);

async function widgetSummaries(person: SignedInUser): Promise<string[]> {
  const { loadAgendaWidget } = await import("@/server/agenda/widget/load-agenda-widget");
  const data = await loadAgendaWidget({ user: person.user, locale: "fr", signal: signal() });
  if (data.state !== "ok") throw new Error("expected the ok state");
  return data.days.flatMap((day) => day.items.map((item) => item.summary));
}

/** Today at 12:00–12:30 in Paris, as the event form sends it. */
function todayAtNoon(): { start: string; end: string } {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  return { start: `${day}T12:00`, end: `${day}T12:30` };
}

beforeAll(async () => {
  radicale = await startRadicale({
    users: [
      { login: "alice.martin", password: "pw" },
      { login: "bruno.durand", password: "pw2" },
    ],
    failedLoginDelay: 0,
  });
  setTestEnv({ CALDAV_URL: radicale.url });
  await useTestDatabase();
  [alice, bruno] = await Promise.all([signInTestUser("Alice Martin"), signInTestUser("Bruno Durand")]);
  const { db } = await import("@/server/db/client");
  const { users } = await import("@/server/db/schema");
  await (await db()).update(users).set({ email: ALICE_EMAIL }).where(eq(users.id, alice.user.id));
  await (await db()).update(users).set({ email: BRUNO_EMAIL }).where(eq(users.id, bruno.user.id));
  const { saveStoredLogin } = await import("@/server/groupware/credentials");
  await saveStoredLogin(alice.user.id, "alice.martin", "pw");
  await saveStoredLogin(bruno.user.id, "bruno.durand", "pw2");
  await seedDemoCalendar(radicale.url, { login: "alice.martin", password: "pw", email: ALICE_EMAIL }, new Date());
  await seedDemoCalendar(radicale.url, { login: "bruno.durand", password: "pw2", email: BRUNO_EMAIL }, new Date());
}, 120_000);

afterAll(async () => radicale?.stop());
afterEach(() => vi.restoreAllMocks());

describe("agenda cache through the portal", () => {
  it("loads the widget again with one PROPFIND and no REPORT, then shows its own writes at once", async () => {
    const { calendarObjectCache } = await import("@/integrations/caldav");
    calendarObjectCache.clear();
    const first = await widgetSummaries(alice);
    expect(first).toContain("Staff de service");
    const repeat = countRequests();
    expect(await widgetSummaries(alice)).toEqual(first);
    expect(repeat.count("REPORT")).toBe(0);
    expect(repeat.count("PROPFIND")).toBe(1);

    const { createAgendaEvent, deleteAgendaEvent, readAgendaSeries } =
      await import("@/server/agenda/write-agenda-event");
    const { openAgenda } = await import("@/server/agenda/open-agenda");
    const { encodeAgendaId } = await import("@/server/agenda/agenda-ids");
    const [calendar] = (await openAgenda(alice.user, signal())).calendars;
    if (!calendar) throw new Error("calendar missing");
    const created = await createAgendaEvent(
      alice.user,
      encodeAgendaId(calendar.path),
      {
        summary: "Déjeuner de service",
        location: "",
        description: "",
        allDay: false,
        ...todayAtNoon(),
        timeZone: "Europe/Paris",
        recurrence: null,
        attendees: [],
      },
      signal(),
    );
    expect(await widgetSummaries(alice)).toContain("Déjeuner de service");
    const series = await readAgendaSeries(alice.user, created.id, signal());
    await deleteAgendaEvent(alice.user, created.id, series.etag ?? "", signal());
    expect(await widgetSummaries(alice)).not.toContain("Déjeuner de service");
  });

  it("shows an answer to an invitation and another client's change at once", async () => {
    const { listAgendaEvents } = await import("@/server/agenda/list-agenda-events");
    const { respondToInvitation } = await import("@/server/agenda/write-agenda-event");
    const from = new Date(Date.now() - 86_400_000);
    const to = new Date(Date.now() + 14 * 86_400_000);
    const before = await listAgendaEvents(alice.user, { from, to }, signal());
    const invitation = before.events.find((event) => event.myPartstat === "NEEDS-ACTION");
    if (!invitation) throw new Error("seeded invitation missing");
    await respondToInvitation(alice.user, invitation.id, invitation.etag ?? "", "ACCEPTED", signal());
    const after = await listAgendaEvents(alice.user, { from, to }, signal());
    expect(after.events.find((event) => event.id === invitation.id)?.myPartstat).toBe("ACCEPTED");

    // Another client (a phone, BlueMind's web UI) adds an event directly on the server.
    const other = new CalDavClient(
      { baseUrl: new URL(radicale.url), timeoutMs: 10_000 },
      {
        login: "alice.martin",
        password: "pw",
      },
    );
    await other.create("/alice.martin/agenda/", {
      summary: "Ajouté depuis le téléphone",
      location: null,
      description: null,
      allDay: false,
      ...todayAtNoon(),
      timeZone: "Europe/Paris",
      recurrence: null,
      organizer: null,
      attendees: [],
    });
    expect(await widgetSummaries(alice)).toContain("Ajouté depuis le téléphone");
  });

  it("never mixes two people's events", async () => {
    const aliceEvents = await widgetSummaries(alice);
    const brunoEvents = await widgetSummaries(bruno);
    expect(aliceEvents).toContain("Ajouté depuis le téléphone");
    expect(brunoEvents).not.toContain("Ajouté depuis le téléphone");
    const { listAgendaEvents } = await import("@/server/agenda/list-agenda-events");
    const range = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 2 * 86_400_000) };
    const [forAlice, forBruno] = await Promise.all([
      listAgendaEvents(alice.user, range, signal()),
      listAgendaEvents(bruno.user, range, signal()),
    ]);
    const aliceCalendars = new Set(forAlice.events.map((event) => event.calendarId));
    expect(forBruno.events.length).toBeGreaterThan(0);
    expect(forBruno.events.some((event) => aliceCalendars.has(event.calendarId))).toBe(false);
    expect(forBruno.events.map((event) => event.summary)).not.toContain("Ajouté depuis le téléphone");

    // A person forgotten (disconnecting) takes their entries along, and only theirs.
    const { calendarObjectCache } = await import("@/integrations/caldav");
    const { forgetAgendaDiscovery } = await import("@/server/agenda/open-agenda");
    expect(calendarObjectCache.stats().entries).toBe(2);
    forgetAgendaDiscovery(alice.user.id);
    expect(calendarObjectCache.stats().entries).toBe(1);
    const repeat = countRequests();
    await listAgendaEvents(bruno.user, range, signal());
    expect(repeat.count("REPORT")).toBe(0);
  });
});
