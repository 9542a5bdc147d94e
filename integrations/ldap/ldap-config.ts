/**
 * The directory's connection settings, read once from the environment: LDAP_URL, LDAP_BASE_DN and
 * the optional service account LDAP_BIND_DN / LDAP_BIND_PASSWORD (anonymous bind when absent).
 * Null when LDAP_URL is not set: the directory is simply not a source then.
 */
import "server-only";
import { env } from "@/server/env";

export interface LdapConfig {
  url: string;
  baseDn: string;
  bindDn?: string;
  bindPassword?: string;
  /** Per operation (bind, search), in ms. */
  timeoutMs: number;
  connectTimeoutMs: number;
}

export function ldapConfigFromEnv(): LdapConfig | null {
  const settings = env();
  if (!settings.LDAP_URL || !settings.LDAP_BASE_DN) return null;
  return {
    url: settings.LDAP_URL,
    baseDn: settings.LDAP_BASE_DN,
    ...(settings.LDAP_BIND_DN ? { bindDn: settings.LDAP_BIND_DN } : {}),
    ...(settings.LDAP_BIND_PASSWORD ? { bindPassword: settings.LDAP_BIND_PASSWORD } : {}),
    timeoutMs: 3000,
    connectTimeoutMs: 2000,
  };
}
