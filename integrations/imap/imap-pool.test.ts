// The IMAP pool against a real Dovecot: one login serves many requests; a user's concurrent
// requests share at most maxPerUser connections (the rest queue); idle connections close; a
// dropped connection is replaced; a stuck task hits the deadline (BACKEND_TIMEOUT) and its
// connection is discarded; a failing task still releases the mailbox lock; bad passwords are a 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDovecot, type RunningDovecot } from "@/test/services/dovecot";
import { setTestEnv } from "@/test/support/test-env";
import { parseImapUrl, type ImapEndpoint } from "./imap-endpoint";
import { ImapPool, type ImapCredential } from "./imap-pool";

setTestEnv();

let mail: RunningDovecot;
let endpoint: ImapEndpoint;
const credential: ImapCredential = { kind: "password", login: "pool@example.test", password: "pool-pass" };

beforeAll(async () => {
  mail = await startDovecot({ users: [{ email: credential.login, password: credential.password }] });
  endpoint = parseImapUrl(mail.imapUrl);
}, 30_000);

afterAll(async () => mail?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ImapPool", () => {
  it("reuses one login for many requests", async () => {
    const pool = new ImapPool();
    for (let index = 0; index < 10; index += 1) {
      const status = await pool.use("u1", endpoint, credential, (client) => client.status("INBOX", { messages: true }));
      expect(status && status.path).toBe("INBOX");
    }
    expect(pool.stats()).toMatchObject({ logins: 1, connections: 1, busy: 0 });
    await pool.closeAll();
  });

  it("caps a user's connections and queues the rest", async () => {
    const pool = new ImapPool({ maxPerUser: 2 });
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        pool.use("u2", endpoint, credential, async (client) => {
          active += 1;
          peak = Math.max(peak, active);
          await client.noop();
          await sleep(50);
          active -= 1;
          return true;
        }),
      ),
    );
    expect(results).toEqual([true, true, true, true, true, true]);
    expect(peak).toBe(2);
    expect(pool.stats().logins).toBe(2);
    await pool.closeAll();
  });

  it("closes idle connections and replaces dropped ones", async () => {
    const pool = new ImapPool({ idleMs: 150 });
    await pool.use("u3", endpoint, credential, (client) => client.noop());
    expect(pool.stats().connections).toBe(1);
    await sleep(400);
    expect(pool.stats().connections).toBe(0);

    await pool.use("u3", endpoint, credential, (client) => client.noop());
    // The server (or network) drops the connection while it idles in the pool.
    await pool.use("u3", endpoint, credential, async (client) => {
      setTimeout(() => client.close(), 10);
    });
    await sleep(100);
    await pool.use("u3", endpoint, credential, (client) => client.noop());
    expect(pool.stats().logins).toBe(3);
    await pool.closeAll();
  });

  it("answers BACKEND_TIMEOUT past the deadline and discards the connection", async () => {
    const pool = new ImapPool({ commandMs: 200 });
    await expect(pool.use("u4", endpoint, credential, () => sleep(2000))).rejects.toMatchObject({
      code: "BACKEND_TIMEOUT",
    });
    expect(pool.stats().connections).toBe(0);
    const aborted = new AbortController();
    setTimeout(() => aborted.abort(), 50);
    await expect(
      pool.use("u4", endpoint, credential, () => sleep(2000), { signal: aborted.signal }),
    ).rejects.toMatchObject({ code: "BACKEND_TIMEOUT" });
    await pool.closeAll();
  });

  it("releases the mailbox lock when a task fails", async () => {
    const pool = new ImapPool({ maxPerUser: 1 });
    await expect(
      pool.use("u5", endpoint, credential, async (client) => {
        const lock = await client.getMailboxLock("INBOX");
        try {
          throw new Error("task failed");
        } finally {
          lock.release();
        }
      }),
    ).rejects.toMatchObject({ code: "BACKEND_UNAVAILABLE" });
    const exists = await pool.use("u5", endpoint, credential, async (client) => {
      const lock = await client.getMailboxLock("INBOX");
      try {
        return client.mailbox ? client.mailbox.exists : -1;
      } finally {
        lock.release();
      }
    });
    expect(exists).toBe(0);
    await pool.closeAll();
  });

  it("refuses a wrong password with a 400 and keeps nothing", async () => {
    const pool = new ImapPool();
    await expect(
      pool.use("u6", endpoint, { ...credential, password: "wrong" }, (client) => client.noop()),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", status: 400 });
    expect(pool.stats().connections).toBe(0);
    await expect(pool.verify(endpoint, credential)).resolves.toBeUndefined();
  }, 15_000);
});
