/**
 * The people sources of one signed-in user, from the configuration: the directory when LDAP_URL
 * is set (searched with the portal's service account: the directory is the organisation's, the
 * same for everyone), the user's own address books when CARDDAV_URL is set (reached AS the user
 * with their stored groupware login).
 */
import "server-only";
import type { PortalUser } from "@/server/auth/portal-user";
import { CardDavSession } from "@/integrations/carddav/carddav-session";
import { ldapConfigFromEnv } from "@/integrations/ldap/ldap-config";
import { searchDirectory } from "@/integrations/ldap/search-directory";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { groupwareLogin } from "@/server/groupware/credentials";
import type { PeopleSources } from "./people-search";

const CARDDAV_TIMEOUT_MS = 5000;

/** The user's CardDAV session; NOT_CONFIGURED without CARDDAV_URL, GROUPWARE_NOT_CONNECTED without a login. */
export async function openUserAddressBooks(user: PortalUser): Promise<CardDavSession> {
  const serverUrl = env().CARDDAV_URL;
  if (!serverUrl) throw new AppError("NOT_CONFIGURED", { userMessage: "personal contacts are not configured" });
  const login = await groupwareLogin(user, "dav");
  if (login.kind !== "password") {
    throw new AppError("GROUPWARE_NOT_CONNECTED", { userMessage: "connect your groupware account first" });
  }
  return CardDavSession.open(
    { serverUrl, timeoutMs: CARDDAV_TIMEOUT_MS },
    { login: login.login, password: login.password },
  );
}

export function peopleSourcesFor(user: PortalUser): PeopleSources {
  const ldap = ldapConfigFromEnv();
  return {
    ...(ldap ? { directory: (query: string, limit: number) => searchDirectory(ldap, query, limit) } : {}),
    ...(env().CARDDAV_URL ? { contacts: async () => (await openUserAddressBooks(user)).listContacts() } : {}),
  };
}
