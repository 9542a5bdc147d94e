/**
 * The OpenLDAP test service: the same private slapd the demo uses (scripts/standins/openldap.ts),
 * seeded with the demo hospital's people, on a free loopback port, removed on stop. Re-exported
 * here so tests find every real server they start under test/services/.
 */
export {
  startOpenLdap,
  OpenLdapNotInstalledError,
  type RunningOpenLdap,
  type StartOpenLdapOptions,
} from "@/scripts/standins/openldap";
export { DIRECTORY_PEOPLE, type DirectoryPerson } from "@/scripts/standins/directory-people";
