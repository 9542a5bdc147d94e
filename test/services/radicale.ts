/**
 * The Radicale CalDAV/CardDAV server for integration tests: the same stand-in the demo starts
 * (scripts/standins/radicale.ts), in a throwaway folder on a free loopback port, with a short
 * failed-login delay so a wrong-password test does not wait Radicale's default second.
 */
import {
  RadicaleNotInstalledError,
  seedDemoCalendar,
  startRadicale as startStandin,
  type RadicaleUser,
  type RunningRadicale,
} from "@/scripts/standins/radicale";

export { RadicaleNotInstalledError, seedDemoCalendar, type RadicaleUser, type RunningRadicale };

export function startRadicale(users: RadicaleUser[]): Promise<RunningRadicale> {
  return startStandin({ users, failedLoginDelay: 0.1 });
}
