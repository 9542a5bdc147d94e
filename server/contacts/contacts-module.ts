/**
 * The contacts module: /contacts in the launcher (the directory and the user's personal address
 * book, one search over both), the people search every other module uses (GET /api/people), and
 * the backends' health for GET /api/ready. Enabled by CARDDAV_URL or LDAP_URL (+ LDAP_BASE_DN)
 * alone: with only one of them, the page and the search use that one.
 */
import "server-only";
import type { TEnv } from "@/server/env";
import type { HealthResult, PortalModule } from "@/server/modules/types";
import { withDirectory } from "@/integrations/ldap/directory-client";
import { ldapConfigFromEnv } from "@/integrations/ldap/ldap-config";
import { AppError } from "@/server/errors";

export function directoryEnabled(config: TEnv): boolean {
  return config.LDAP_URL !== undefined && config.LDAP_BASE_DN !== undefined;
}

export function personalContactsEnabled(config: TEnv): boolean {
  return config.CARDDAV_URL !== undefined;
}

/** The directory answers a base search with the service account; else CardDAV answers HTTP at all. */
async function checkHealth(config: TEnv, signal: AbortSignal): Promise<HealthResult> {
  const ldap = ldapConfigFromEnv();
  if (ldap) {
    try {
      await withDirectory(ldap, (client) =>
        client.search(ldap.baseDn, { scope: "base", attributes: ["objectClass"], sizeLimit: 1 }),
      );
    } catch (error) {
      const code = error instanceof AppError ? error.code : "";
      return { state: "down", reason: code === "BACKEND_TIMEOUT" ? "timeout" : "directory unavailable" };
    }
  }
  if (config.CARDDAV_URL) {
    try {
      // Any HTTP answer (401 included: it wants the user's login) means the server is there.
      await fetch(config.CARDDAV_URL, { method: "OPTIONS", signal, redirect: "manual" });
    } catch {
      return ldap
        ? { state: "degraded", reason: "carddav unreachable" }
        : { state: "down", reason: "carddav unreachable" };
    }
  }
  return { state: "up" };
}

export const contactsModule: PortalModule = {
  id: "contacts",
  isEnabled: (config) => directoryEnabled(config) || personalContactsEnabled(config),
  nav: { href: "/contacts", labelKey: "contacts", icon: "contacts" },
  health: checkHealth,
};
