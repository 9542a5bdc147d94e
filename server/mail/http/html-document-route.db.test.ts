// The hostile corpus through the WHOLE server path: each body delivered into Dovecot (as HTML,
// quoted-printable, some in a UTF-7 or Latin-1 charset that decoding turns into markup), then read
// back from GET /api/mail/message/html as the reading pane's frame would: the document answered
// carries no element, attribute or URL that can run or fetch, and its CSP forbids scripts anyway.
import { randomBytes } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { Parser } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_MAIL } from "@/test/fixtures/hostile-mail/corpus";
import { seedMaildir, startDovecot, type RunningDovecot, type SeedMessage } from "@/test/services/dovecot";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { signInTestUser, type SignedInUser } from "@/test/support/signed-in-user";
import { startNodeRouteServer, type NodeRouteServer } from "@/test/support/node-route-server";

const USER = { email: "cible@example.test", password: `p-${randomBytes(6).toString("hex")}` };
let mail: RunningDovecot;
let reader: SignedInUser;
let server: NodeRouteServer;

async function build(html: string, index: number): Promise<Buffer> {
  const node = new MailComposer({
    from: "attacker@evil.test",
    to: USER.email,
    subject: `hostile ${index}`,
    html,
    messageId: `<hostile-${index}@evil.test>`,
  }).compile();
  return new Promise((resolve, reject) => node.build((error, message) => (error ? reject(error) : resolve(message))));
}

/** A raw single-part HTML message in a given charset (bytes as that charset would encode them). */
function rawInCharset(body: Buffer, charset: string, index: number): Buffer {
  return Buffer.concat([
    Buffer.from(
      `From: attacker@evil.test\r\nTo: ${USER.email}\r\nSubject: charset ${index}\r\nMessage-ID: <charset-${index}@evil.test>\r\n` +
        `MIME-Version: 1.0\r\nContent-Type: text/html; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
    ),
    body,
  ]);
}

const EXTRA: Array<{ raw: (index: number) => Buffer; name: string }> = [
  {
    name: "utf-7 script",
    raw: (index) =>
      rawInCharset(Buffer.from("+ADw-script+AD4-window.__pwned('utf7')+ADw-/script+AD4-"), "utf-7", index),
  },
  {
    name: "latin-1 handler",
    raw: (index) =>
      rawInCharset(Buffer.from("<img src=x onerror=\"window.__pwned('l1')\">caf\xe9", "latin1"), "iso-8859-1", index),
  },
];

beforeAll(async () => {
  mail = await startDovecot({ users: [USER] });
  setTestEnv({ IMAP_URL: mail.imapUrl, SMTP_URL: mail.smtpUrl });
  await useTestDatabase();
  reader = await signInTestUser("Lectrice");
  const { saveStoredLogin } = await import("@/server/groupware/credentials");
  await saveStoredLogin(reader.user.id, USER.email, USER.password);
  const seeds: SeedMessage[] = [];
  for (const [index, entry] of HOSTILE_MAIL.entries()) seeds.push({ raw: await build(entry.html, index) });
  for (const [index, entry] of EXTRA.entries()) seeds.push({ raw: entry.raw(index) });
  await seedMaildir(mail, USER.email, seeds);
  server = await startNodeRouteServer((await import("@/server/mail/mail-server-extension")).MAIL_NODE_ROUTES);
}, 60_000);

afterAll(async () => {
  const { imapPool } = await import("@/integrations/imap/imap-pool");
  await imapPool().closeAll();
  await server?.close();
  await mail?.stop();
});

function activeContent(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const dangerous = [
          "script",
          "iframe",
          "object",
          "embed",
          "svg",
          "math",
          "form",
          "input",
          "button",
          "base",
          "meta",
          "link",
          "frame",
          "frameset",
        ];
        if (dangerous.includes(name)) found.push(`<${name}>`);
        for (const [attribute, raw] of Object.entries(attributes)) {
          const value = raw.replace(/[\u0000-\u0020]/g, "").toLowerCase();
          if (attribute.startsWith("on")) found.push(attribute);
          if (["srcset", "formaction", "xlink:href", "background", "action"].includes(attribute)) found.push(attribute);
          if (
            (attribute === "href" || attribute === "src") &&
            /^(javascript|vbscript|data:text|data:image\/svg)/.test(value)
          )
            found.push(`${attribute}=${raw}`);
          if (attribute === "src" && /^https?:|^\/\//.test(value)) found.push(`remote ${raw}`);
          if (attribute === "style" && /url\(|expression|position|\\/.test(value)) found.push(`style ${raw}`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

describe("hostile mail through Dovecot and the body document route", () => {
  it("answers documents with nothing active, for every hostile message", async () => {
    const total = HOSTILE_MAIL.length + EXTRA.length;
    const bodies: string[] = [];
    for (let uid = 1; uid <= total; uid += 1) {
      const response = await fetch(`${server.origin}/api/mail/message/html?folder=INBOX&uid=${uid}`, {
        headers: { cookie: reader.cookie },
      });
      expect(response.status, `uid ${uid}`).toBe(200);
      expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'none'; img-src data:;/);
      const document = await response.text();
      const body = document.slice(document.indexOf("<body>"));
      expect(activeContent(body), `uid ${uid}: ${body.slice(0, 300)}`).toEqual([]);
      bodies.push(body);
    }
    // Not vacuous: the harmless parts arrived decoded and intact.
    const onclick = HOSTILE_MAIL.findIndex((entry) => entry.name === "a-onclick");
    expect(bodies[onclick]).toContain('href="https://ok.test"');
    expect(bodies[total - 1]).toContain("café");
  }, 120_000);
});
