// OAuth logins for real: Dovecot's oauth2 passdb introspects the bearer token (RFC 7662, a
// contract double of Keycloak's endpoint); the portal's pool logs in with OAUTHBEARER (what
// imapflow picks when the server offers it) and SMTP submission with XOAUTH2. A revoked or
// unknown token is refused (400), and a token of someone else does not open another mailbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDovecot, type RunningDovecot } from "@/test/services/dovecot";
import {
  startIntrospectionDouble,
  type IntrospectionDouble,
} from "@/test/doubles/oauth-introspection/introspection-server";
import { setTestEnv } from "@/test/support/test-env";
import { parseSmtpUrl, submitMessage } from "@/integrations/smtp/smtp-submit";
import { parseImapUrl } from "./imap-endpoint";
import { ImapPool } from "./imap-pool";

setTestEnv();

let mail: RunningDovecot;
let idp: IntrospectionDouble;
const ALICE = "alice@example.test";
const BOB = "bob@example.test";

beforeAll(async () => {
  idp = await startIntrospectionDouble();
  mail = await startDovecot({
    users: [
      { email: ALICE, password: "unused-a" },
      { email: BOB, password: "unused-b" },
    ],
    oauth2: { introspectionUrl: idp.url },
  });
}, 30_000);

afterAll(async () => {
  await mail?.stop();
  await idp?.close();
});

describe("OAuth logins against Dovecot", () => {
  it("opens the mailbox with the user's access token, and refuses revoked or foreign tokens", async () => {
    const pool = new ImapPool();
    const endpoint = parseImapUrl(mail.imapUrl);
    const token = idp.issue(ALICE);
    const before = idp.requests();
    const status = await pool.use(
      "a",
      endpoint,
      { kind: "oauth", login: ALICE, accessToken: token, mechanism: "oauthbearer" },
      (client) => client.status("INBOX", { messages: true }),
    );
    expect(status && status.path).toBe("INBOX");
    expect(idp.requests()).toBeGreaterThan(before);

    const bobsToken = idp.issue(BOB);
    await expect(
      pool.use(
        "a2",
        endpoint,
        { kind: "oauth", login: ALICE, accessToken: bobsToken, mechanism: "oauthbearer" },
        (client) => client.noop(),
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    idp.revoke(token);
    await expect(
      pool.use("a3", endpoint, { kind: "oauth", login: ALICE, accessToken: token, mechanism: "xoauth2" }, (client) =>
        client.noop(),
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await pool.closeAll();
  }, 30_000);

  it("submits with XOAUTH2 and refuses a bad token", async () => {
    const token = idp.issue(ALICE);
    const raw = Buffer.from(
      `From: ${ALICE}\r\nTo: ${BOB}\r\nSubject: jeton\r\nMessage-ID: <oauth-1@example.test>\r\n\r\nenvoi par jeton\r\n`,
    );
    const smtp = parseSmtpUrl(mail.smtpUrl);
    const sent = await submitMessage(
      smtp,
      { kind: "oauth", login: ALICE, accessToken: token, mechanism: "xoauth2" },
      { from: ALICE, to: [BOB] },
      raw,
    );
    expect(sent.accepted).toEqual([BOB]);
    await expect(
      submitMessage(
        smtp,
        { kind: "oauth", login: ALICE, accessToken: "forged", mechanism: "xoauth2" },
        { from: ALICE, to: [BOB] },
        raw,
      ),
    ).rejects.toMatchObject({ kind: "auth" });
    const pool = new ImapPool();
    const received = await pool.use(
      "b",
      parseImapUrl(mail.imapUrl),
      { kind: "oauth", login: BOB, accessToken: idp.issue(BOB), mechanism: "xoauth2" },
      (client) => client.status("INBOX", { messages: true }),
    );
    expect(received && received.messages).toBe(1);
    await pool.closeAll();
  }, 30_000);
});
