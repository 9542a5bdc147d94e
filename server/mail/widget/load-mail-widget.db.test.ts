// The mail widget and notification source against a real Dovecot (the tests' stand-in): unread
// count and latest messages linking to themselves, unseen recent mail as notifications, the
// connect form instead of an error when the person has not connected their mailbox.
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { createTestPerson } from "@/test/support/test-person";
import { startDovecot, type RunningDovecot } from "@/test/services/dovecot";
import type { PortalUser } from "@/server/auth/portal-user";

const alice = { email: "alice@example.test", password: "alice-pass" };
let mail: RunningDovecot;
let connected: PortalUser;
let stranger: PortalUser;

function portalUser(id: string): PortalUser {
  return {
    id,
    displayName: "Alice Martin",
    profession: null,
    provider: "idcaih",
    authMethods: ["pwd"],
    acr: null,
    isAdmin: false,
    sessionId: `session-${id}`,
  };
}

beforeAll(async () => {
  mail = await startDovecot({ users: [alice] });
  setTestEnv({ IMAP_URL: mail.imapUrl, SMTP_URL: mail.smtpUrl, MAIL_AUTH: "password" });
  await useTestDatabase();
  const ids = [
    await createTestPerson({ subject: "w-alice", email: alice.email }),
    await createTestPerson({ subject: "w-other", email: "other@example.test" }),
  ];
  connected = portalUser(ids[0] ?? "");
  stranger = portalUser(ids[1] ?? "");
  const { saveStoredLogin } = await import("@/server/groupware/credentials");
  await saveStoredLogin(connected.id, alice.email, alice.password);

  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: mail.lmtpPort, lmtp: true, ignoreTLS: true });
  const now = Date.now();
  const seeded = [
    { subject: "Ancien message lu", minutesAgo: 60 * 24 * 10 },
    { subject: "Planning de garde", minutesAgo: 120 },
    { subject: "", minutesAgo: 60 },
    ...Array.from({ length: 6 }, (_, index) => ({ subject: `Note ${index + 1}`, minutesAgo: 50 - index })),
  ];
  for (const message of seeded) {
    await transport.sendMail({
      from: { name: "Secrétariat", address: "secretariat@example.test" },
      to: alice.email,
      subject: message.subject,
      text: "Bonjour",
      date: new Date(now - message.minutesAgo * 60_000),
      envelope: { from: "secretariat@example.test", to: [alice.email] },
    });
  }
  transport.close();
  // The oldest message has been read.
  const { ImapFlow } = await import("imapflow");
  const client = new ImapFlow({
    host: "127.0.0.1",
    port: mail.imapPort,
    secure: false,
    auth: { user: alice.email, pass: alice.password },
    logger: false,
  });
  await client.connect();
  const lock = await client.getMailboxLock("INBOX");
  await client.messageFlagsAdd("1", ["\\Seen"], { uid: true });
  lock.release();
  await client.logout();
}, 60_000);

afterAll(async () => {
  const { imapPool } = await import("@/integrations/imap/imap-pool");
  await imapPool().closeAll();
  await mail?.stop();
});

describe("mail widget", () => {
  it("shows the unread count and the five newest messages, each linking to itself", async () => {
    const { loadMailWidget } = await import("@/server/mail/widget/load-mail-widget");
    const data = await loadMailWidget({ user: connected, locale: "fr", signal: AbortSignal.timeout(10_000) });
    if (data.state !== "ok") throw new Error(`expected the list, got ${data.state}`);
    expect(data.unread).toBe(8);
    expect(data.unreadLabel).toBe("8 messages non lus");
    expect(data.items.map((item) => item.subject)).toEqual(["Note 6", "Note 5", "Note 4", "Note 3", "Note 2"]);
    expect(data.items[0]?.href).toBe("/mail?uid=9");
    expect(data.items.every((item) => item.unread && item.sender === "Secrétariat")).toBe(true);
  });

  it("offers the connect form, not an error, to someone who has not connected their mailbox", async () => {
    const { loadMailWidget } = await import("@/server/mail/widget/load-mail-widget");
    const data = await loadMailWidget({ user: stranger, locale: "en", signal: AbortSignal.timeout(10_000) });
    expect(data.state).toBe("not-connected");
    if (data.state !== "not-connected") return;
    expect(data.email).toBe("other@example.test");
    expect(data.messages.groupware.connect.title).toBe("Connect your mail account");
  });
});

describe("mail notifications", () => {
  it("announces unseen recent mail newest first, nothing read or old, with stable ids", async () => {
    const { mailNotifications } = await import("@/server/mail/widget/load-mail-widget");
    const entries = await mailNotifications({ user: connected, locale: "fr", signal: AbortSignal.timeout(10_000) });
    expect(entries).toHaveLength(8);
    expect(entries[0]).toMatchObject({
      id: "mail:INBOX:9",
      module: "mail",
      title: "Nouveau message de Secrétariat",
      body: "Note 6",
      href: "/mail?uid=9",
    });
    expect(entries.map((entry) => entry.body)).toContain("(sans objet)");
    expect(entries.map((entry) => entry.body)).not.toContain("Ancien message lu");
    expect(await mailNotifications({ user: stranger, locale: "fr", signal: AbortSignal.timeout(10_000) })).toEqual([]);
  });
});
