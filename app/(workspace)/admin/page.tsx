// /admin — the portal's administration page, for people with the ADMIN_ROLE role only: the state
// of every backend (measured as /api/ready does, streamed in so a hung backend never holds the
// page), the audit log (filter, page, export, verify the chain) and people's sessions (end them).
// Everyone else gets a clear "restricted" message; the API under /api/admin refuses them too.
import { Suspense } from "react";
import type { Metadata } from "next";
import { AdminApp } from "@/components/admin/admin-app";
import { ServiceStatusTable } from "@/components/admin/service-status-table";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { AUDIT_ACTIONS } from "@/server/audit/actions";
import { requireUser } from "@/server/auth/current-user";
import { env } from "@/server/env";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import { getEnabledModules } from "@/server/modules/registry";
import { checkReadiness } from "@/server/observability/check-readiness";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

async function ServiceStatus() {
  const config = env();
  const modules = getEnabledModules(config);
  const [{ report }, t, tNav] = await Promise.all([
    checkReadiness({ config, modules }),
    getTranslations("admin.health"),
    getTranslations("nav"),
  ]);
  const labelOf = (id: string): string => {
    if (id === "database") return t("database");
    const labelKey = modules.find((module) => module.id === id)?.nav?.labelKey;
    return labelKey ? tNav(labelKey as Parameters<typeof tNav>[0]) : id;
  };
  return (
    <ServiceStatusTable
      caption={t("title")}
      summary={t(`status.${report.status}`)}
      headers={{ module: t("module"), state: t("state"), detail: t("detail") }}
      rows={Object.entries(report.modules).map(([id, result]) => ({
        id,
        label: labelOf(id),
        state: result.state,
        stateLabel: t(result.state),
        detail:
          result.latencyMs !== undefined ? t("latency", { ms: Math.round(result.latencyMs) }) : (result.reason ?? ""),
      }))}
    />
  );
}

export default async function AdminPage() {
  const user = await requireUser();
  const t = await getTranslations("admin");
  if (!user.isAdmin) {
    return (
      <section className="mx-auto flex max-w-2xl flex-col gap-2 p-4" aria-labelledby="admin-forbidden">
        <h1 id="admin-forbidden" className="text-xl font-semibold text-fg">
          {t("forbidden.title")}
        </h1>
        <p className="text-sm text-fg">{t("forbidden.body")}</p>
      </section>
    );
  }
  const locale = await getLocale();
  const messages = await getClientMessages(locale, ["admin"]);
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-8 p-4">
      <header className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold text-fg">{t("title")}</h1>
        <p className="text-sm text-fg-muted">{t("intro")}</p>
      </header>
      <section aria-labelledby="admin-health" className="flex flex-col gap-3">
        <h2 id="admin-health" className="text-lg font-semibold text-fg">
          {t("health.title")}
        </h2>
        <Suspense fallback={<p className="text-sm text-fg-muted">{t("health.checking")}</p>}>
          <ServiceStatus />
        </Suspense>
      </section>
      <IntlClientProvider locale={locale} messages={messages}>
        <AdminApp actions={AUDIT_ACTIONS} />
      </IntlClientProvider>
    </div>
  );
}
