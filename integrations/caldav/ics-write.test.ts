// Writing iCalendar: text is escaped so no input can start a new content line, control
// characters are refused, and an edit keeps what the portal does not manage (alarms, X- props).
import { describe, expect, it } from "vitest";
import {
  createEventObject,
  InvalidEventInputError,
  NotOrganizerError,
  updateEventObject,
} from "@/integrations/caldav/ics-write";
import { occurrencesInRange } from "@/integrations/caldav/ics-read";
import type { EventInput } from "@/integrations/caldav/types";

const input: EventInput = {
  summary: "Réunion",
  location: null,
  description: null,
  allDay: false,
  start: "2026-06-01T09:00",
  end: "2026-06-01T10:00",
  timeZone: "Europe/Paris",
  recurrence: null,
  organizer: { email: "alice@demo.hopital.test", name: 'Dr "Alice" Martin' },
  attendees: [{ email: "bob@demo.hopital.test", name: "Bob", role: "REQ-PARTICIPANT", partstat: "NEEDS-ACTION" }],
};
const now = new Date("2026-05-01T00:00:00Z");

describe("createEventObject", () => {
  it("escapes separators and line breaks, and quotes no double quote into CN", () => {
    const ics = createEventObject(
      "u1@portal",
      { ...input, summary: "A, B; C \\ D", description: "ligne 1\nATTENDEE:mailto:evil@x" },
      now,
    );
    expect(ics).toContain("SUMMARY:A\\, B\\; C \\\\ D");
    expect(ics).toContain("DESCRIPTION:ligne 1\\nATTENDEE:mailto:evil@x");
    expect(ics.split("\r\n").filter((line) => line.startsWith("ATTENDEE"))).toHaveLength(1);
    expect(ics).toContain("ORGANIZER;CN=Dr Alice Martin:mailto:alice@demo.hopital.test");
    const [event] = occurrencesInRange(
      { path: "/p/u1.ics", etag: null, ics },
      new Date("2026-06-01T00:00:00Z"),
      new Date("2026-06-02T00:00:00Z"),
    );
    expect(event).toMatchObject({
      summary: "A, B; C \\ D",
      start: "2026-06-01T07:00:00.000Z",
      description: "ligne 1\nATTENDEE:mailto:evil@x",
    });
  });

  it("refuses carriage returns and other control characters", () => {
    expect(() => createEventObject("u2", { ...input, summary: "x\r\nATTENDEE:mailto:evil@x" }, now)).toThrow(
      InvalidEventInputError,
    );
    expect(() => createEventObject("u2", { ...input, location: "a\u0000b" }, now)).toThrow(InvalidEventInputError);
    expect(() => createEventObject("u2", { ...input, summary: "two\nlines" }, now)).toThrow(InvalidEventInputError);
    expect(() => createEventObject("u2", { ...input, end: "2026-06-01T08:00" }, now)).toThrow(/after the start/);
  });
});

describe("updateEventObject", () => {
  it("keeps alarms and foreign properties, bumps SEQUENCE", () => {
    const original = createEventObject("u3@portal", input, now).replace(
      "END:VEVENT",
      "X-OTHER-CLIENT:kept\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Rappel\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT",
    );
    const updated = updateEventObject(
      original,
      { ...input, summary: "Réunion déplacée", start: "2026-06-01T14:00", end: "2026-06-01T15:00" },
      now,
      ["ALICE@demo.hopital.test"],
    );
    expect(updated).toContain("X-OTHER-CLIENT:kept");
    expect(updated).toContain("TRIGGER:-PT15M");
    expect(updated).toContain("SEQUENCE:1");
    expect(updated).toContain("DTSTART;TZID=Europe/Paris:20260601T140000");
    expect(updated.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
  });

  it("keeps the attendees' answers and refuses a rewrite by someone who is not the organizer", () => {
    const original = createEventObject("u4@portal", input, now).replace("PARTSTAT=NEEDS-ACTION", "PARTSTAT=ACCEPTED");
    const updated = updateEventObject(original, { ...input, organizer: null, summary: "Autre titre" }, now, [
      "alice@demo.hopital.test",
    ]);
    expect(updated.replace(/\r\n /g, "")).toMatch(
      /ATTENDEE;[^\r\n]*PARTSTAT=ACCEPTED[^\r\n]*:mailto:bob@demo.hopital.test/,
    );
    expect(updated).toContain("ORGANIZER;CN=Dr Alice Martin:mailto:alice@demo.hopital.test");
    expect(() => updateEventObject(original, input, now, ["bob@demo.hopital.test"])).toThrow(NotOrganizerError);
  });
});
