"use client";
/**
 * "Repeat" part of the event form: none, daily, weekly (on chosen days) or monthly, every n, ending
 * never, after a number of times, or on a date. A fieldset with a legend, each control labelled.
 */
import { useId } from "react";
import { useTranslations } from "use-intl";
import { API_WEEKDAYS, type TRecurrence, type TWeekday } from "@/components/agenda/api/types";

const inputClass =
  "rounded border border-border-strong bg-surface px-2 py-1 text-sm text-fg focus:outline-2 focus:outline-primary";

export function RecurrencePicker({
  value,
  onChange,
  startWeekday,
}: {
  value: TRecurrence | null;
  onChange: (next: TRecurrence | null) => void;
  /** The start's weekday, pre-checked when switching to weekly. */
  startWeekday: TWeekday;
}) {
  const t = useTranslations("agenda");
  const id = useId();
  const endKind = value?.count != null ? "count" : value && value.until !== null ? "until" : "never";
  return (
    <fieldset className="space-y-2 rounded border border-border p-3">
      <legend className="px-1 text-sm font-medium">{t("recurrence.legend")}</legend>
      <select
        aria-label={t("recurrence.legend")}
        className={inputClass}
        value={value?.freq ?? "none"}
        onChange={(change) => {
          const freq = change.target.value;
          if (freq === "none") onChange(null);
          else
            onChange({
              freq: freq as TRecurrence["freq"],
              interval: value?.interval ?? 1,
              byDay: freq === "WEEKLY" ? (value?.byDay.length ? value.byDay : [startWeekday]) : [],
              count: value?.count ?? null,
              until: value?.until ?? null,
            });
        }}
      >
        <option value="none">{t("recurrence.none")}</option>
        <option value="DAILY">{t("recurrence.DAILY")}</option>
        <option value="WEEKLY">{t("recurrence.WEEKLY")}</option>
        <option value="MONTHLY">{t("recurrence.MONTHLY")}</option>
      </select>
      {value && (
        <>
          <label className="flex items-center gap-2 text-sm">
            {t("recurrence.interval")}
            <input
              type="number"
              min={1}
              max={99}
              required
              className={`${inputClass} w-20`}
              value={value.interval}
              onChange={(change) =>
                onChange({ ...value, interval: Math.max(1, Math.min(99, Number(change.target.value) || 1)) })
              }
            />
            <span>{t(`recurrence.unit.${value.freq}`)}</span>
          </label>
          {value.freq === "WEEKLY" && (
            <fieldset>
              <legend className="text-sm">{t("recurrence.days")}</legend>
              <div className="mt-1 flex flex-wrap gap-2">
                {API_WEEKDAYS.map((day) => (
                  <label key={day} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      checked={value.byDay.includes(day)}
                      onChange={(change) => {
                        const byDay = change.target.checked
                          ? API_WEEKDAYS.filter((d) => d === day || value.byDay.includes(d))
                          : value.byDay.filter((d) => d !== day);
                        onChange({ ...value, byDay: byDay.length > 0 ? byDay : [startWeekday] });
                      }}
                    />
                    {t(`weekdays.${day}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <fieldset>
            <legend className="text-sm">{t("recurrence.end")}</legend>
            <div className="mt-1 space-y-1">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`${id}-end`}
                  checked={endKind === "never"}
                  onChange={() => onChange({ ...value, count: null, until: null })}
                />
                {t("recurrence.never")}
              </label>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <label className="flex items-center gap-2">
                  <input
                    type="radio"
                    name={`${id}-end`}
                    checked={endKind === "count"}
                    onChange={() => onChange({ ...value, count: value.count ?? 10, until: null })}
                  />
                  {t("recurrence.count")}
                </label>
                {endKind === "count" && (
                  <input
                    type="number"
                    min={1}
                    max={730}
                    aria-label={t("recurrence.countLabel")}
                    className={`${inputClass} w-20`}
                    value={value.count ?? 10}
                    onChange={(change) =>
                      onChange({ ...value, count: Math.max(1, Math.min(730, Number(change.target.value) || 1)) })
                    }
                  />
                )}
              </div>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <label className="flex items-center gap-2">
                  <input
                    type="radio"
                    name={`${id}-end`}
                    checked={endKind === "until"}
                    onChange={() => onChange({ ...value, count: null, until: value.until ?? "" })}
                  />
                  {t("recurrence.until")}
                </label>
                {endKind === "until" && (
                  <input
                    type="date"
                    required
                    aria-label={t("recurrence.untilLabel")}
                    className={inputClass}
                    value={value.until ?? ""}
                    onChange={(change) => onChange({ ...value, until: change.target.value })}
                  />
                )}
              </div>
            </div>
          </fieldset>
        </>
      )}
    </fieldset>
  );
}
