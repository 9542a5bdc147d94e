/**
 * A throwaway Dovecot (IMAP + LMTP) with its SMTP submission bridge, for integration tests and
 * benchmarks: the stand-in of scripts/standins/dovecot.ts (the demo uses the same one), re-exported
 * so tests import every real server from test/services/.
 */
export { seedMaildir, startDovecot, DovecotNotInstalledError } from "@/scripts/standins/dovecot";
export type { RunningDovecot, DovecotUser, SeedMessage, StartDovecotOptions } from "@/scripts/standins/dovecot";
