/**
 * The people search (server/contacts/people-search.ts, what GET /api/people runs) against real
 * servers, in process (no HTTP, no portal: this measures the search itself, the directory and
 * the address book), compared with the one LDAP search it contains, same run:
 *
 * 1. OpenLDAP (scripts/standins/openldap.ts) seeded with BENCH_PEOPLE (5,000) generated people
 *    plus the demo hospital's; Radicale with one user whose address book holds BENCH_CONTACTS (300)
 *    cards;
 * 2. warm-up, then BENCH_ROUNDS (200) queries cycling through realistic prefixes: the full people
 *    search (directory + contacts, merged, ranked, limit 20) and the bare directory search;
 * 3. BENCH_CONCURRENCY (20) searches at once (20 people typing at the same moment): wall time, p95;
 * 4. p50/p95 of each, and the contacts listing's share (the address book is listed per search).
 *
 * Prints one JSON line.
 */
import { CardDavSession } from "@/integrations/carddav/carddav-session";
import { closeDirectoryConnections } from "@/integrations/ldap/directory-client";
import type { LdapConfig } from "@/integrations/ldap/ldap-config";
import { searchDirectory } from "@/integrations/ldap/search-directory";
import { DIRECTORY_PEOPLE, type DirectoryPerson } from "@/scripts/standins/directory-people";
import { startOpenLdap } from "@/scripts/standins/openldap";
import { startRadicale } from "@/scripts/standins/radicale";
import { searchPeople } from "@/server/contacts/people-search";
import { median, note, percentile, printResult, round } from "@/bench/support/stats";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const PEOPLE = intFromEnv("BENCH_PEOPLE", 5000, 10, 100_000);
const CONTACTS = intFromEnv("BENCH_CONTACTS", 300, 0, 5000);
const ROUNDS = intFromEnv("BENCH_ROUNDS", 200, 10, 5000);
const CONCURRENCY = intFromEnv("BENCH_CONCURRENCY", 20, 1, 200);
const QUERIES = ["ma", "hél", "leroux", "cardio", "infirm", "loic", "dup", "urgences", "jean mar", "zo"];

const GIVEN = ["Jean", "Marie", "Hélène", "Loïc", "Zoé", "Théo", "Inès", "Maëlle", "Noël", "Agnès", "Paul", "Léa"];
const FAMILY = ["Martin", "Durand", "Dupont", "Lefèvre", "Moreau", "Leroux", "Faure", "Gérard", "Roux", "Bonnet"];
const SERVICES = ["Cardiologie", "Urgences", "Pédiatrie", "Radiologie", "Réanimation", "Oncologie", "Maternité"];
const TITLES = ["médecin", "infirmier", "infirmière", "aide-soignant", "sage-femme", "kinésithérapeute"];

function generatedPeople(count: number): DirectoryPerson[] {
  return Array.from({ length: count }, (_, index) => {
    const givenName = GIVEN[index % GIVEN.length] as string;
    const sn = `${FAMILY[Math.floor(index / GIVEN.length) % FAMILY.length]}${index}`;
    const uid = `p${index}`;
    return {
      uid,
      givenName,
      sn,
      mail: `${uid}@bench.hopital.test`,
      title: TITLES[index % TITLES.length] as string,
      ou: SERVICES[index % SERVICES.length] as string,
      telephoneNumber: `+33 1 99 ${String(index).padStart(6, "0")}`,
    };
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
}

async function main(): Promise<void> {
  note(`starting OpenLDAP with ${PEOPLE + DIRECTORY_PEOPLE.length} people and Radicale with ${CONTACTS} contacts`);
  const user = { login: "bench", password: "bench-password" };
  const [ldap, radicale] = await Promise.all([
    startOpenLdap({ people: [...DIRECTORY_PEOPLE, ...generatedPeople(PEOPLE)] }),
    startRadicale({ users: [user], failedLoginDelay: 0 }),
  ]);
  try {
    const config: LdapConfig = {
      url: ldap.url,
      baseDn: ldap.baseDn,
      bindDn: ldap.bindDn,
      bindPassword: ldap.bindPassword,
      timeoutMs: 5000,
      connectTimeoutMs: 2000,
    };
    const davConfig = { serverUrl: radicale.url, timeoutMs: 10_000 };
    const seed = await CardDavSession.open(davConfig, user);
    for (let index = 0; index < CONTACTS; index += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, CONTACTS - index) }, (_, offset) =>
          seed.createContact({
            name: `${GIVEN[(index + offset) % GIVEN.length]} Contact${index + offset}`,
            emails: [`c${index + offset}@perso.test`],
            phones: [],
          }),
        ),
      );
    }
    const sources = {
      directory: (query: string, limit: number) => searchDirectory(config, query, limit),
      // As the route does: the user's address books opened and listed per search.
      contacts: async () => (await CardDavSession.open(davConfig, user)).listContacts(),
    };
    const contactsOnly = async () => (await CardDavSession.open(davConfig, user)).listContacts();

    note("warm-up");
    for (const query of QUERIES) {
      await searchPeople(query, sources, { limit: 20, deadlineMs: 10_000 });
      await searchDirectory(config, query, 40);
    }

    note(`${ROUNDS} rounds`);
    const full: number[] = [];
    const direct: number[] = [];
    const listing: number[] = [];
    let unavailable = 0;
    for (let round_ = 0; round_ < ROUNDS; round_ += 1) {
      const query = QUERIES[round_ % QUERIES.length] as string;
      const [fullMs, result] = await timed(() => searchPeople(query, sources, { limit: 20, deadlineMs: 10_000 }));
      if (result.unavailable.length > 0) unavailable += 1;
      full.push(fullMs);
      direct.push((await timed(() => searchDirectory(config, query, 40)))[0]);
      if (round_ % 5 === 0) listing.push((await timed(contactsOnly))[0]);
    }

    note(`${CONCURRENCY} searches at once, 5 times`);
    const concurrentWall: number[] = [];
    const concurrentEach: number[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      const [wall] = await timed(() =>
        Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, index) => {
            const [ms] = await timed(() =>
              searchPeople(QUERIES[(batch + index) % QUERIES.length] as string, sources, {
                limit: 20,
                deadlineMs: 10_000,
              }),
            );
            concurrentEach.push(ms);
          }),
        ),
      );
      concurrentWall.push(wall);
    }

    printResult({
      benchmark: "people-search",
      mode: "in-process (searchPeople, no HTTP)",
      directoryPeople: PEOPLE + DIRECTORY_PEOPLE.length,
      personalContacts: CONTACTS,
      rounds: ROUNDS,
      peopleSearchP50Ms: round(median(full)),
      peopleSearchP95Ms: round(percentile(full, 95)),
      directOneLdapSearchP50Ms: round(median(direct)),
      directOneLdapSearchP95Ms: round(percentile(direct, 95)),
      contactsListingP50Ms: round(median(listing)),
      roundsWithUnavailableSource: unavailable,
      concurrent: CONCURRENCY,
      concurrentWallP50Ms: round(median(concurrentWall)),
      concurrentEachP95Ms: round(percentile(concurrentEach, 95)),
      rssMiB: round(process.memoryUsage().rss / 1024 ** 2),
    });
  } finally {
    await closeDirectoryConnections();
    await Promise.all([ldap.stop(), radicale.stop()]);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
