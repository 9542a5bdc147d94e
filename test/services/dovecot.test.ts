// The Dovecot stand-in: starts on free loopback ports with the special-use folders, checks
// passwords on IMAP and on the submission bridge, delivers a sent message into the recipient's
// INBOX, refuses what it was told to refuse, and is gone (ports closed, folder removed) after stop.
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { startDovecot } from "@/test/services/dovecot";

const alice = { email: "alice@example.test", password: "alice-pass" };
const bob = { email: "bob@example.test", password: "bob-pass" };

function imapClient(port: number, user: string, pass: string): ImapFlow {
  return new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass }, logger: false });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("Dovecot test service", () => {
  it("serves IMAP with special-use folders, delivers through the bridge, refuses, and stops", async () => {
    const mail = await startDovecot({
      users: [alice, bob],
      refusedDomains: ["refused.test"],
      maxMessageBytes: 64 * 1024,
    });
    try {
      const client = imapClient(mail.imapPort, alice.email, alice.password);
      await client.connect();
      const folders = await client.list();
      expect(Object.fromEntries(folders.map((folder) => [folder.path, folder.specialUse ?? null]))).toEqual({
        INBOX: "\\Inbox",
        Drafts: "\\Drafts",
        Sent: "\\Sent",
        Trash: "\\Trash",
        Archive: "\\Archive",
        Junk: "\\Junk",
      });
      expect(client.capabilities.has("MOVE")).toBe(true);
      await client.logout();

      await expect(imapClient(mail.imapPort, alice.email, "wrong").connect()).rejects.toMatchObject({
        authenticationFailed: true,
      });

      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: mail.smtpPort,
        ignoreTLS: true,
        auth: { user: alice.email, pass: alice.password },
      });
      await transport.sendMail({ from: alice.email, to: bob.email, subject: "Garde de nuit", text: "Bonjour" });
      const bobClient = imapClient(mail.imapPort, bob.email, bob.password);
      await bobClient.connect();
      const status = await bobClient.status("INBOX", { messages: true });
      expect(status && status.messages).toBe(1);
      const lock = await bobClient.getMailboxLock("INBOX");
      try {
        const message = await bobClient.fetchOne("1", { envelope: true });
        expect(message && message.envelope?.subject).toBe("Garde de nuit");
      } finally {
        lock.release();
      }
      await bobClient.logout();

      await expect(
        transport.sendMail({ from: alice.email, to: "x@refused.test", subject: "s", text: "t" }),
      ).rejects.toMatchObject({ responseCode: 550 });
      await expect(
        transport.sendMail({ from: alice.email, to: bob.email, subject: "big", text: "x".repeat(100 * 1024) }),
      ).rejects.toMatchObject({ responseCode: 552 });
      const stranger = nodemailer.createTransport({
        host: "127.0.0.1",
        port: mail.smtpPort,
        ignoreTLS: true,
        auth: { user: alice.email, pass: "wrong" },
      });
      await expect(
        stranger.sendMail({ from: alice.email, to: bob.email, subject: "s", text: "t" }),
      ).rejects.toMatchObject({
        responseCode: 535,
      });
      transport.close();
      stranger.close();
    } finally {
      await mail.stop();
    }
    expect(await connects(mail.imapPort)).toBe(false);
    expect(await connects(mail.smtpPort)).toBe(false);
    expect(existsSync(mail.dir)).toBe(false);
  }, 30_000);
});
