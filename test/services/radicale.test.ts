// The Radicale stand-in starts on a free port, authenticates its users, keeps each user to their
// own collections, seeds the demo calendar, and leaves nothing behind once stopped.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seedDemoCalendar, startRadicale } from "@/test/services/radicale";

const basic = (login: string, password: string) => `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`;

const CALENDAR_DATA_QUERY = `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>
</C:calendar-query>`;

describe("Radicale test service", () => {
  it("authenticates, isolates users, seeds the demo week and stops cleanly", { timeout: 30_000 }, async () => {
    const radicale = await startRadicale([
      { login: "alice", password: "secret-a" },
      { login: "bob", password: "secret-b" },
    ]);
    try {
      expect(radicale.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const wrong = await fetch(radicale.url + "alice/", {
        method: "PROPFIND",
        headers: { Authorization: basic("alice", "nope"), Depth: "0" },
      });
      expect(wrong.status).toBe(401);

      const now = new Date("2026-11-30T09:00:00Z");
      const calendarUrl = await seedDemoCalendar(radicale.url, { login: "alice", password: "secret-a" }, now);
      expect(calendarUrl).toBe(radicale.url + "alice/agenda/");
      // Seeding twice the same day replaces the events instead of adding copies.
      await seedDemoCalendar(radicale.url, { login: "alice", password: "secret-a" }, now);

      const report = await fetch(calendarUrl, {
        method: "REPORT",
        headers: { Authorization: basic("alice", "secret-a"), Depth: "1", "Content-Type": "application/xml" },
        body: CALENDAR_DATA_QUERY,
      });
      expect(report.status).toBe(207);
      const xml = await report.text();
      const summaries = [...xml.matchAll(/SUMMARY:([^\r\n]+)/g)].map((m) => m[1]).sort();
      expect(summaries).toEqual([
        "Consultation de suivi",
        "Formation hygiène des mains",
        "Garde de nuit : Urgences",
        "Réunion qualité : dossier patient informatisé",
        "Staff de service",
        "Transmissions du matin",
      ]);
      expect(xml).toContain("DTSTART;TZID=Europe/Paris:20261130T100000");

      // owner_only: bob cannot read alice's calendar.
      const foreign = await fetch(calendarUrl, {
        method: "PROPFIND",
        headers: { Authorization: basic("bob", "secret-b"), Depth: "0" },
      });
      expect(foreign.status).toBe(403);
    } finally {
      await radicale.stop();
    }
    expect(existsSync(radicale.dir)).toBe(false);
    await expect(fetch(radicale.url, { method: "OPTIONS" })).rejects.toThrow();
  });
});
