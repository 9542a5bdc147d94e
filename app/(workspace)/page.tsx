// The dashboard (/): a greeting, then one card per enabled module's widget. Every widget starts
// loading at once; the page waits FIRST_ANSWER_WAIT_MS at most for them, so that the widgets ready
// by then are in the first HTML the browser paints (server/modules/widget-loads.ts says why). The
// others stream on their own inside <Suspense> (a skeleton first): a slow, failing or hung backend
// shows its state inside its card only (loadWidget applies the deadline and never throws) and
// delays the page by that wait at most.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";
import { DashboardGreeting } from "@/components/dashboard/dashboard-greeting";
import { WidgetCard, WidgetSkeleton } from "@/components/dashboard/widget-card";
import { WidgetUnavailable } from "@/components/dashboard/widget-unavailable";
import { WidgetErrorBoundary } from "@/components/dashboard/widget-error-boundary";
import { TIME_ZONE } from "@/i18n/locales";
import { requireUser } from "@/server/auth/current-user";
import { env } from "@/server/env";
import { getFormatter } from "@/server/i18n/get-formatter";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import type { WidgetResult } from "@/server/modules/load-widget";
import { getEnabledModules } from "@/server/modules/registry";
import type { PortalModule } from "@/server/modules/types";
import { startWidgetLoads, waitForWidgetLoads, type WidgetLoad } from "@/server/modules/widget-loads";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

/** The smallest time a widget is given, even when the page itself was slow to get to it. */
const MIN_WIDGET_TIME_MS = 250;

/** How long the page waits for its widgets before answering: the ones ready by then are in the first paint. */
const FIRST_ANSWER_WAIT_MS = 150;

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

type TDashboardTranslator = Awaited<ReturnType<typeof getTranslations<"dashboard">>>;

/** A widget's body from its load result: the module's component, or the degraded state. */
function WidgetContent({
  module,
  result,
  title,
  t,
}: {
  module: PortalModule;
  result: WidgetResult<unknown>;
  title: string;
  t: TDashboardTranslator;
}) {
  const widget = module.widget;
  if (!widget) return null;
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

/** A widget still loading when the page answered: suspends its card's boundary until the load settles. */
async function PendingWidget(props: {
  module: PortalModule;
  load: WidgetLoad;
  title: string;
  t: TDashboardTranslator;
}) {
  const result = await props.load.promise;
  return <WidgetContent module={props.module} result={result} title={props.title} t={props.t} />;
}

export default async function DashboardPage() {
  const user = await requireUser();
  const [locale, timeoutMs] = await Promise.all([getLocale(), remainingWidgetTime()]);
  const modules = getEnabledModules(env()).filter((module) => module.widget);
  const loads = startWidgetLoads(modules, { user, locale, timeoutMs });
  const [t, tWidgets, format] = await Promise.all([
    getTranslations("dashboard", locale),
    getTranslations("widgets", locale),
    getFormatter(locale),
    waitForWidgetLoads(loads.values(), FIRST_ANSWER_WAIT_MS),
  ]);
  const now = new Date();

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
              const load = loads.get(module.id) as WidgetLoad;
              return (
                <li key={module.id} className="min-w-0">
                  <WidgetCard id={module.id} title={title} icon={module.nav?.icon}>
                    {/* A widget already loaded renders in place: its boundary never suspends. */}
                    <Suspense fallback={<WidgetSkeleton label={t("widget.loading", { title })} />}>
                      {load.result ? (
                        <WidgetContent module={module} result={load.result} title={title} t={t} />
                      ) : (
                        <PendingWidget module={module} load={load} title={title} t={t} />
                      )}
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
