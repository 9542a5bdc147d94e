/**
 * The account module: the portal's own, always enabled. Its widget lists the person's open
 * sessions (device, last activity) with a button to close each one and "sign out everywhere" —
 * what someone needs after forgetting to sign out of a shared workstation.
 */
import "server-only";
import { revokeSessionAction } from "@/server/actions/account-actions";
import { signOutEverywhereAction } from "@/server/actions/auth-actions";
import { listUserSessions } from "@/server/auth/sessions";
import { getTranslations } from "@/server/i18n/get-translations";
import type { PortalModule } from "@/server/modules/types";
import { TIME_ZONE } from "@/i18n/locales";
import { SessionsWidget, type SessionsWidgetData } from "@/components/account/sessions-widget";
import { describeUserAgent } from "@/server/account/describe-user-agent";

/** Formatters are costly to create and immutable: one per locale for the process. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
    dateFormats.set(locale, format);
  }
  return format;
}

export const accountModule: PortalModule<SessionsWidgetData> = {
  id: "account",
  isEnabled: () => true,
  widget: {
    titleKey: "account",
    Component: SessionsWidget,
    async load({ user, locale }) {
      const [sessions, t] = await Promise.all([listUserSessions(user.id, user.sessionId), getTranslations("account")]);
      const dates = dateFormat(locale);
      return {
        sessions: sessions.map((session) => {
          const device = describeUserAgent(session.userAgent) ?? t("sessions.unknownDevice");
          return {
            id: session.id,
            device,
            current: session.current,
            since: t("sessions.since", { date: dates.format(session.createdAt) }),
            lastSeen: t("sessions.lastSeen", { date: dates.format(session.lastSeenAt) }),
            revokeLabel: t("sessions.revokeNamed", { device }),
          };
        }),
        labels: {
          intro: t("sessions.intro"),
          current: t("sessions.current"),
          revoke: t("sessions.revoke"),
          none: t("sessions.none"),
          signOutEverywhere: t("sessions.signOutEverywhere"),
        },
        revokeAction: revokeSessionAction,
        signOutEverywhereAction,
      };
    },
  },
};
