/**
 * Opening an inbox, against a real Dovecot (scripts/standins/dovecot.ts), in process:
 *
 * 1. one user with BENCH_MAIL_MESSAGES (10,000) messages (written into the Maildir, indexed by
 *    Dovecot before timing): time to the first page of 50 through the portal's code path — the
 *    pooled connection, `listMessagePage` (sequence range, envelopes, flags, structure, sizes,
 *    partial body fetches for the previews) and the JSON the route answers — versus the same
 *    FETCH made directly with one imapflow client (envelope, flags, bodystructure, size of the
 *    last 50), same run; warm (connection open) medians over BENCH_ROUNDS (30) rounds, and cold
 *    (login included) medians over 5; ratio portal / direct. Also the 100th page (cursor path).
 * 2. BENCH_MAIL_USERS (50) users, BENCH_MAIL_USER_MESSAGES (1,000) messages each, all opening their
 *    inbox at the same moment (cold: each logs in), then again (warm, pooled): p50/p95/max and the
 *    process's RSS growth.
 *
 * What is not measured here: the session lookup and Next's routing (the same for every route).
 * Prints one JSON line.
 */
import { ImapFlow } from "imapflow";
import { median, note, percentile, printResult, round } from "@/bench/support/stats";
import { seedMaildir, startDovecot, type SeedMessage } from "@/scripts/standins/dovecot";
import { parseImapUrl } from "@/integrations/imap/imap-endpoint";
import { ImapPool, type ImapCredential } from "@/integrations/imap/imap-pool";
import { listMessagePage } from "@/integrations/imap/message-list";
import { SUMMARY_WITH_TEXT_QUERY } from "@/integrations/imap/message-summary";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const MESSAGES = intFromEnv("BENCH_MAIL_MESSAGES", 10_000, 100, 200_000);
const ROUNDS = intFromEnv("BENCH_ROUNDS", 30, 3, 1000);
const USERS = intFromEnv("BENCH_MAIL_USERS", 50, 1, 500);
const USER_MESSAGES = intFromEnv("BENCH_MAIL_USER_MESSAGES", 1000, 10, 20_000);
const PAGE = 50;

const SUBJECTS = [
  "Planning de garde",
  "Réunion de service",
  "Compte rendu opératoire",
  "Commande pharmacie",
  "Astreinte",
];

function message(index: number): SeedMessage {
  const date = new Date(Date.UTC(2025, 0, 1) + index * 600_000);
  const body =
    `Bonjour,\r\n\r\nVoici le point ${index} concernant le service. ` +
    "Merci de confirmer la prise en charge avant la relève de 19 h.\r\n\r\nCordialement,\r\nLe secrétariat\r\n";
  const raw =
    `From: "Secrétariat ${index % 13}" <secretariat${index % 13}@chu.test>\r\n` +
    `To: agent@chu.test\r\nSubject: ${SUBJECTS[index % SUBJECTS.length]} n°${index}\r\n` +
    `Message-ID: <bench-${index}@chu.test>\r\nDate: ${date.toUTCString()}\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}`;
  return { raw: Buffer.from(raw), seen: index % 3 !== 0, date };
}

function directClient(port: number, user: string, pass: string): ImapFlow {
  return new ImapFlow({
    host: "127.0.0.1",
    port,
    secure: false,
    auth: { user, pass },
    logger: false,
    disableAutoIdle: true,
  });
}

/**
 * The same first page, directly: EXAMINE, then FETCH of the last 50 — with the usual list items
 * (envelope, flags, bodystructure, size), or with exactly the portal's items (`portalItems`: +
 * References header and the first bytes of the body, for previews) to isolate the portal's own cost.
 */
async function directFirstPage(client: ImapFlow, portalItems = false): Promise<number> {
  const lock = await client.getMailboxLock("INBOX", { readOnly: true });
  try {
    const exists = client.mailbox ? client.mailbox.exists : 0;
    let count = 0;
    const items = portalItems
      ? SUMMARY_WITH_TEXT_QUERY
      : { uid: true, flags: true, envelope: true, bodyStructure: true, size: true };
    for await (const item of client.fetch(`${Math.max(1, exists - PAGE + 1)}:${exists}`, items)) {
      if (item.uid) count += 1;
    }
    return count;
  } finally {
    lock.release();
  }
}

async function time<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await task();
  return { ms: performance.now() - start, value };
}

async function main(): Promise<void> {
  const users = [
    { email: "agent@chu.test", password: "bench-pass" },
    ...Array.from({ length: USERS }, (_, index) => ({ email: `user${index}@chu.test`, password: `pass-${index}` })),
  ];
  const mail = await startDovecot({ users });
  try {
    note(`seeding ${MESSAGES} messages (+ ${USERS} × ${USER_MESSAGES})`);
    await seedMaildir(
      mail,
      "agent@chu.test",
      Array.from({ length: MESSAGES }, (_, index) => message(index + 1)),
    );
    for (const [index, user] of users.slice(1).entries()) {
      await seedMaildir(
        mail,
        user.email,
        Array.from({ length: USER_MESSAGES }, (_, n) => message(index * USER_MESSAGES + n + 1)),
      );
    }
    const endpoint = parseImapUrl(mail.imapUrl);
    const agent: ImapCredential = { kind: "password", login: "agent@chu.test", password: "bench-pass" };

    // Let Dovecot build its indexes for every mailbox before anything is timed.
    for (const user of users) {
      const client = directClient(mail.imapPort, user.email, user.password);
      await client.connect();
      await client.status("INBOX", { messages: true });
      await directFirstPage(client);
      await client.logout();
    }

    // 1. One inbox of MESSAGES.
    const pool = new ImapPool();
    const portalPage = async (beforeUid?: number) => {
      const page = await pool.use("agent", endpoint, agent, (client) =>
        listMessagePage(client, "INBOX", { limit: PAGE, ...(beforeUid ? { beforeUid } : {}) }),
      );
      JSON.stringify(page);
      if (page.messages.length !== PAGE) throw new Error(`expected ${PAGE} messages, got ${page.messages.length}`);
      return page;
    };
    const direct = directClient(mail.imapPort, agent.login, agent.password);
    await direct.connect();
    await portalPage();
    await directFirstPage(direct);
    const portalWarm: number[] = [];
    const directWarm: number[] = [];
    const directSameItemsWarm: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      portalWarm.push((await time(() => portalPage())).ms);
      directWarm.push((await time(() => directFirstPage(direct))).ms);
      directSameItemsWarm.push((await time(() => directFirstPage(direct, true))).ms);
    }
    const cursorUid = MESSAGES - 99 * PAGE + 1;
    const page100: number[] = [];
    for (let round = 0; round < Math.min(ROUNDS, 10); round += 1)
      page100.push((await time(() => portalPage(cursorUid))).ms);
    await direct.logout();
    await pool.closeAll();
    const portalCold: number[] = [];
    const directCold: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const coldPool = new ImapPool();
      portalCold.push(
        (
          await time(() =>
            coldPool.use("agent", endpoint, agent, (client) =>
              listMessagePage(client, "INBOX", { limit: PAGE }).then((page) => JSON.stringify(page)),
            ),
          )
        ).ms,
      );
      await coldPool.closeAll();
      directCold.push(
        (
          await time(async () => {
            const client = directClient(mail.imapPort, agent.login, agent.password);
            await client.connect();
            await directFirstPage(client);
            await client.logout().catch(() => client.close());
          })
        ).ms,
      );
    }

    // 2. USERS users at once: cold (each logs in), then warm (pooled).
    const crowdPool = new ImapPool({ maxTotal: USERS * 3 });
    const rssBefore = process.memoryUsage().rss;
    const openAll = () =>
      Promise.all(
        users.slice(1).map(async (user, index) => {
          const credential: ImapCredential = { kind: "password", login: user.email, password: user.password };
          return (
            await time(() =>
              crowdPool.use(`user-${index}`, endpoint, credential, (client) =>
                listMessagePage(client, "INBOX", { limit: PAGE }).then((page) => JSON.stringify(page)),
              ),
            )
          ).ms;
        }),
      );
    const coldStart = performance.now();
    const cold = await openAll();
    const coldWall = performance.now() - coldStart;
    const warmStart = performance.now();
    const warm = await openAll();
    const warmWall = performance.now() - warmStart;
    const rssAfter = process.memoryUsage().rss;
    const connections = crowdPool.stats().connections;
    await crowdPool.closeAll();

    const portalMedian = median(portalWarm);
    const directMedian = median(directWarm);
    printResult({
      benchmark: "mail-inbox",
      messages: MESSAGES,
      page: PAGE,
      rounds: ROUNDS,
      first_page_portal_warm_ms_p50: round(portalMedian, 2),
      first_page_direct_warm_ms_p50: round(directMedian, 2),
      first_page_ratio_warm: round(portalMedian / directMedian, 2),
      first_page_direct_same_items_warm_ms_p50: round(median(directSameItemsWarm), 2),
      first_page_ratio_same_items_warm: round(portalMedian / median(directSameItemsWarm), 2),
      first_page_portal_cold_ms_p50: round(median(portalCold), 1),
      first_page_direct_cold_ms_p50: round(median(directCold), 1),
      first_page_ratio_cold: round(median(portalCold) / median(directCold), 2),
      page_100_portal_warm_ms_p50: round(median(page100), 2),
      users: USERS,
      user_messages: USER_MESSAGES,
      concurrent_cold_ms_p50: round(median(cold), 1),
      concurrent_cold_ms_p95: round(percentile(cold, 95), 1),
      concurrent_cold_ms_max: round(Math.max(...cold), 1),
      concurrent_cold_wall_ms: round(coldWall, 1),
      concurrent_warm_ms_p50: round(median(warm), 1),
      concurrent_warm_ms_p95: round(percentile(warm, 95), 1),
      concurrent_warm_wall_ms: round(warmWall, 1),
      pooled_connections: connections,
      rss_growth_mb: round((rssAfter - rssBefore) / 1024 / 1024, 1),
      note: "portal = pooled connection + listMessagePage (incl. previews) + JSON, in process; direct = one imapflow client, same FETCH without previews; same_items = direct with the portal's FETCH items",
    });
  } finally {
    await mail.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
