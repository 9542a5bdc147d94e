// The agenda widget and notification source against a real Radicale seeded with today's demo
// week: today's and tomorrow's events under the right day, the night on-call shown on the day it
// starts, the pending invitation marked and offered in the bell; the connect form when the
// person has not connected their account.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCalendar, startRadicale, type RunningRadicale } from "@/scripts/standins/radicale";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { signInTestUser, type SignedInUser } from "@/test/support/signed-in-user";

let radicale: RunningRadicale;
let alice: SignedInUser;
let bruno: SignedInUser;
const EMAIL = "alice.martin@demo.hopital.test";

beforeAll(async () => {
  radicale = await startRadicale({ users: [{ login: "alice.martin", password: "pw" }], failedLoginDelay: 0 });
  setTestEnv({ CALDAV_URL: radicale.url });
  await useTestDatabase();
  [alice, bruno] = await Promise.all([signInTestUser("Alice Martin"), signInTestUser("Bruno Durand")]);
  const { db } = await import("@/server/db/client");
  const { users } = await import("@/server/db/schema");
  await (await db()).update(users).set({ email: EMAIL }).where(eq(users.id, alice.user.id));
  const { saveStoredLogin } = await import("@/server/groupware/credentials");
  await saveStoredLogin(alice.user.id, "alice.martin", "pw");
  await seedDemoCalendar(radicale.url, { login: "alice.martin", password: "pw", email: EMAIL }, new Date());
}, 120_000);

afterAll(async () => radicale?.stop());

describe("agenda widget", () => {
  it("lists today's and tomorrow's events and marks the pending invitation", async () => {
    const { loadAgendaWidget } = await import("@/server/agenda/widget/load-agenda-widget");
    const data = await loadAgendaWidget({ user: alice.user, locale: "fr", signal: AbortSignal.timeout(10_000) });
    if (data.state !== "ok") throw new Error("expected the ok state");
    const [today, tomorrow] = data.days;
    expect(today?.title).toBe("Aujourd’hui");
    expect(today?.items.map((item) => item.summary)).toEqual(
      expect.arrayContaining(["Staff de service", "Consultation de suivi"]),
    );
    expect(today?.items.find((item) => item.summary === "Staff de service")?.time).toMatch(/^10:00\s*–\s*11:00$/);
    expect(tomorrow?.items.map((item) => item.summary)).toEqual(
      expect.arrayContaining(["Réunion qualité : dossier patient informatisé", "Garde de nuit : Urgences"]),
    );
    expect(tomorrow?.items.find((item) => item.summary.startsWith("Réunion qualité"))?.invitation).toBe(true);
    expect(today?.items.every((item) => item.href.startsWith("/agenda?view=day&date="))).toBe(true);
  });

  it("offers the pending invitation in the bell, and nothing from a person not connected", async () => {
    const { agendaNotifications } = await import("@/server/agenda/widget/load-agenda-widget");
    const notifications = await agendaNotifications({
      user: alice.user,
      locale: "en",
      signal: AbortSignal.timeout(10_000),
    });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      module: "agenda",
      title: "Invitation: Réunion qualité : dossier patient informatisé",
    });
    expect(await agendaNotifications({ user: bruno.user, locale: "fr", signal: AbortSignal.timeout(10_000) })).toEqual(
      [],
    );
  });

  it("shows the connect form to a person who has not connected their account", async () => {
    const { loadAgendaWidget } = await import("@/server/agenda/widget/load-agenda-widget");
    const data = await loadAgendaWidget({ user: bruno.user, locale: "fr", signal: AbortSignal.timeout(10_000) });
    expect(data.state).toBe("not-connected");
  });
});
