import { describe, expect, it } from "vitest";
import { EMPTY_AUDIT_FORM, toAuditFilters } from "@/components/admin/audit-form";

describe("audit filter form", () => {
  it("sends nothing for an empty form", () => {
    expect(toAuditFilters(EMPTY_AUDIT_FORM)).toEqual({
      action: undefined,
      outcome: undefined,
      actor: undefined,
      target: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it("reads days in Paris, inclusive, in winter and in summer", () => {
    const winter = toAuditFilters({ ...EMPTY_AUDIT_FORM, fromDay: "2026-12-01", toDay: "2026-12-01" });
    expect(winter.from).toBe("2026-11-30T23:00:00.000Z");
    expect(winter.to).toBe("2026-12-01T22:59:59.999Z");
    const summer = toAuditFilters({ ...EMPTY_AUDIT_FORM, fromDay: "2026-07-14", toDay: "2026-07-15" });
    expect(summer.from).toBe("2026-07-13T22:00:00.000Z");
    expect(summer.to).toBe("2026-07-15T21:59:59.999Z");
  });

  it("trims text and drops blank fields", () => {
    const filters = toAuditFilters({
      ...EMPTY_AUDIT_FORM,
      action: "auth.sign_in",
      actor: "  ",
      target: " file-42 ",
      outcome: "failure",
    });
    expect(filters).toMatchObject({ action: "auth.sign_in", actor: undefined, target: "file-42", outcome: "failure" });
  });
});
