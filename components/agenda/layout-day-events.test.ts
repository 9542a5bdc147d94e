// Day-column layout: overlapping events side by side, separate clusters independent, short
// events kept clickable, events running past midnight clipped to the day.
import { describe, expect, it } from "vitest";
import { layoutDayEvents } from "@/components/agenda/layout-day-events";

describe("layoutDayEvents", () => {
  it("puts overlapping events in columns and leaves others full width", () => {
    const boxes = layoutDayEvents([
      { item: "a", start: 540, end: 600 },
      { item: "b", start: 570, end: 630 },
      { item: "c", start: 600, end: 660 },
      { item: "d", start: 720, end: 725 },
      { item: "night", start: 1080, end: 2000 },
    ]);
    const by = Object.fromEntries(boxes.map((box) => [box.item, box]));
    expect([by.a?.column, by.b?.column, by.c?.column]).toEqual([0, 1, 0]);
    expect([by.a?.columns, by.b?.columns, by.c?.columns]).toEqual([2, 2, 2]);
    expect(by.d).toMatchObject({ column: 0, columns: 1, height: 15 });
    expect(by.night).toMatchObject({ top: 1080, height: 360, columns: 1 });
  });
});
