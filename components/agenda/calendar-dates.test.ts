// Calendar arithmetic in Europe/Paris, independent of the machine's zone: weeks from Monday, month
// arithmetic, wall clock ↔ instant across both daylight-saving changes.
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  daysBetween,
  isCivilDate,
  startOfDayInstant,
  startOfWeek,
  todayIn,
  zonedInstant,
  zonedParts,
} from "@/components/agenda/calendar-dates";

const PARIS = "Europe/Paris";

describe("calendar dates", () => {
  it("counts civil days and weeks from Monday", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(startOfWeek("2026-12-06")).toBe("2026-11-30"); // Sunday → Monday before
    expect(startOfWeek("2026-11-30")).toBe("2026-11-30");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(daysBetween("2026-03-01", "2026-04-01")).toBe(31);
    expect(isCivilDate("2026-02-29")).toBe(false);
    expect(isCivilDate("2028-02-29")).toBe(true);
  });

  it("converts wall clock and instants in Paris across the daylight-saving changes", () => {
    expect(zonedInstant("2026-03-28", 9, 0, PARIS).toISOString()).toBe("2026-03-28T08:00:00.000Z");
    expect(zonedInstant("2026-03-30", 9, 0, PARIS).toISOString()).toBe("2026-03-30T07:00:00.000Z");
    // 02:30 does not exist on 29 March: the instant after the gap.
    expect(zonedInstant("2026-03-29", 2, 30, PARIS).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // 02:30 happens twice on 25 October: the first one.
    expect(zonedInstant("2026-10-25", 2, 30, PARIS).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(startOfDayInstant("2026-07-14", PARIS).toISOString()).toBe("2026-07-13T22:00:00.000Z");
    expect(zonedParts(new Date("2026-12-31T23:30:00Z"), PARIS)).toEqual({ date: "2027-01-01", hour: 0, minute: 30 });
    expect(todayIn(PARIS, new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
  });
});
