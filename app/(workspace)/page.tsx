// The dashboard (/): a greeting, then one card per enabled module's widget. Each card streams on
// its own inside <Suspense>: the page renders at once, and a failing or hung backend shows the
// degraded state inside its card only (loadWidget applies the deadline and never throws).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";
import { DashboardGreeting } from "@/components/dashboard/dashboard-greeting";
import { WidgetCard, WidgetSkeleton } from "@/components/dashboard/widget-card";
import { WidgetUnavailable } from "@/components/dashboard/widget-unavailable";
import { WidgetErrorBoundary } from "@/components/dashboard/widget-error-boundary";
import { TIME_ZONE } from "@/i18n/locales";
import { requireUser } from "@/server/auth/current-user";
import type { PortalUser } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { getFormatter } from "@/server/i18n/get-formatter";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import { loadWidget } from "@/server/modules/load-widget";
import { getEnabledModules } from "@/server/modules/registry";
import type { PortalModule } from "@/server/modules/types";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

/** The smallest time a widget is given, even when the page itself was slow to get to it. */
const MIN_WIDGET_TIME_MS = 250;

/** The widget budget left, counted from the request's arrival (set by proxy.ts). */
async function remainingWidgetTime(): Promise<number> {
  const receivedAt = Number((await headers()).get("x-portal-received-at"));
  const budget = env().WIDGET_TIMEOUT_MS;
  if (!Number.isFinite(receivedAt) || receivedAt <= 0) return budget;
  return Math.max(MIN_WIDGET_TIME_MS, Math.min(budget, budget - (Date.now() - receivedAt)));
}

/** "Bonsoir" from 18:00 in the portal's time zone, "Bonjour" otherwise. */
function isEvening(now: Date): boolean {
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone: TIME_ZONE }).format(now),
  );
  return hour >= 18;
}

async function WidgetBody({ module, user, title }: { module: PortalModule; user: PortalUser; title: string }) {
  const widget = module.widget;
  if (!widget) return null;
  const [locale, t] = await Promise.all([getLocale(), getTranslations("dashboard")]);
  const result = await loadWidget(module, { user, locale, timeoutMs: await remainingWidgetTime() });
  const retry = {
    // A full reload of the dashboard: a plain link works without JavaScript.
    href: "/",
    label: t("widget.retry"),
    accessibleLabel: t("widget.retryLabel", { title }),
  };
  if (result.state !== "ok") {
    return (
      <WidgetUnavailable
        title={t("widget.unavailable")}
        detail={result.state === "timeout" ? t("widget.timeoutDetail") : t("widget.unavailableDetail")}
        retry={retry}
      />
    );
  }
  const { Component } = widget;
  return (
    <WidgetErrorBoundary
      title={t("widget.unavailable")}
      detail={t("widget.unavailableDetail")}
      retryLabel={retry.label}
      retryAccessibleLabel={retry.accessibleLabel}
    >
      <Component data={result.data} />
    </WidgetErrorBoundary>
  );
}

export default async function DashboardPage() {
  const user = await requireUser();
  const [t, tWidgets, format] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("widgets"),
    getFormatter(),
  ]);
  const now = new Date();
  const modules = getEnabledModules(env()).filter((module) => module.widget);

  return (
    <>
      <DashboardGreeting
        greeting={t(isEvening(now) ? "greeting.evening" : "greeting.day", { name: user.displayName })}
        today={t("today", {
          date: format.dateTime(now, { weekday: "long", day: "numeric", month: "long", year: "numeric" }),
        })}
      />
      <section aria-labelledby="widgets-heading">
        <h2 id="widgets-heading" className="sr-only">
          {t("widgetsHeading")}
        </h2>
        {modules.length === 0 ? (
          <p className="rounded-lg border border-border bg-surface p-4 text-fg-muted">{t("noModules")}</p>
        ) : (
          <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
            {modules.map((module) => {
              const title = module.widget ? tWidgets(module.widget.titleKey) : module.id;
              return (
                <li key={module.id} className="min-w-0">
                  <WidgetCard id={module.id} title={title} icon={module.nav?.icon}>
                    <Suspense fallback={<WidgetSkeleton label={t("widget.loading", { title })} />}>
                      <WidgetBody module={module} user={user} title={title} />
                    </Suspense>
                  </WidgetCard>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
