/**
 * The audit filter form's values and their translation into the API's filters. Days picked in the
 * form are inclusive and read in Europe/Paris, whatever the administrator's browser zone: "from
 * 1 December to 1 December" is midnight to 23:59:59.999 in Paris.
 */
import { addDays, startOfDayInstant } from "@/components/agenda/calendar-dates";
import type { AuditFilters } from "@/components/admin/admin-api";
import { TIME_ZONE } from "@/i18n/locales";

export interface AuditFormValues {
  action: string;
  outcome: "" | "success" | "failure";
  fromDay: string;
  toDay: string;
  actor: string;
  target: string;
}

export const EMPTY_AUDIT_FORM: AuditFormValues = {
  action: "",
  outcome: "",
  fromDay: "",
  toDay: "",
  actor: "",
  target: "",
};

export function toAuditFilters(values: AuditFormValues): AuditFilters {
  const text = (value: string) => value.trim() || undefined;
  return {
    action: text(values.action),
    outcome: values.outcome || undefined,
    actor: text(values.actor),
    target: text(values.target),
    from: values.fromDay ? startOfDayInstant(values.fromDay, TIME_ZONE).toISOString() : undefined,
    to: values.toDay
      ? new Date(startOfDayInstant(addDays(values.toDay, 1), TIME_ZONE).getTime() - 1).toISOString()
      : undefined,
  };
}
