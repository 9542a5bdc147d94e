// The mail API as Next and the portal's HTTP server call it, against a real Dovecot and the
// SMTP→LMTP submission bridge (scripts/standins/dovecot.ts): connect the account (IMAP login
// checked), folders with counts, 1,200 messages paginated newest first with ONE pooled login,
// reading (sanitised HTML, remote images blocked, attachments, conversation), flags / move /
// trash / archive, server-side search, sending (arrives in the recipient's INBOX and the sender's
// Sent, draft gone), reply with an attachment from Files (threading headers), a refused recipient
// (400, draft kept), header injection refused, bad inputs 400 by name, missing message 404, the
// attachment streamed byte for byte, the sandboxed body document with its CSP, draft uploads.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ImapFlow } from "imapflow";
import { simpleParser } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type {
  DraftSaved,
  MailFolder,
  MessageDetail,
  MessagePage,
  MessagesActionResult,
  SearchResult,
  SendResult,
  GroupwareAccountStatus,
} from "@/components/mail/api/types";
import { seedMaildir, startDovecot, type RunningDovecot, type SeedMessage } from "@/test/services/dovecot";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { signInTestUser, type SignedInUser } from "@/test/support/signed-in-user";
import { startNodeRouteServer, type NodeRouteServer } from "@/test/support/node-route-server";
import {
  callNextRoute,
  type NextRouteCall,
  type NextRouteHandler,
  type RouteAnswer,
} from "@/test/support/call-next-route";

vi.mock("@/server/auth/current-user", () => import("@/test/support/call-next-route"));
vi.mock("@/server/auth/request-meta", () => ({
  requestMeta: () => Promise.resolve({ ip: "127.0.0.1", userAgent: "vitest" }),
}));

type Answer<T> = RouteAnswer<T & { error?: { code: string; message: string; draftUid?: number } }>;

const ALICE = { email: "alice@example.test", password: `a-${randomBytes(6).toString("hex")}` };
const BOB = { email: "bob@example.test", password: `b-${randomBytes(6).toString("hex")}` };
const SEEDED = 1200;

let mail: RunningDovecot;
let alice: SignedInUser;
let bob: SignedInUser;
let stranger: SignedInUser;
let filesRoot: string;
let nodeServer: NodeRouteServer;

function call<T>(as: SignedInUser | null, handler: NextRouteHandler, options: NextRouteCall): Promise<Answer<T>> {
  return callNextRoute<Answer<T>["body"]>(as, handler, options);
}

function imap(user: { email: string; password: string }): ImapFlow {
  return new ImapFlow({
    host: "127.0.0.1",
    port: mail.imapPort,
    secure: false,
    auth: { user: user.email, pass: user.password },
    logger: false,
  });
}

/** The value, or a failed test saying what was missing. */
function must<T>(value: T | null | undefined, what = "value"): T {
  if (value === null || value === undefined) throw new Error(`${what} missing`);
  return value;
}

async function build(options: Mail.Options): Promise<Buffer> {
  const node = new MailComposer(options).compile();
  return new Promise((resolve, reject) => node.build((error, message) => (error ? reject(error) : resolve(message))));
}

const routes = {
  account: () => import("@/app/api/groupware/account/route"),
  folders: () => import("@/app/api/mail/folders/route"),
  messages: () => import("@/app/api/mail/messages/route"),
  message: () => import("@/app/api/mail/message/route"),
  search: () => import("@/app/api/mail/search/route"),
  drafts: () => import("@/app/api/mail/drafts/route"),
  send: () => import("@/app/api/mail/send/route"),
  saveToFiles: () => import("@/app/api/mail/attachment/save-to-files/route"),
};

/** 3 MB of pseudo-random bytes: the streamed attachment. */
const BIG_ATTACHMENT = randomBytes(3 * 1024 * 1024);
const ROOT_ID = "<root-1@hopital.test>";

beforeAll(async () => {
  mail = await startDovecot({ users: [ALICE, BOB], refusedDomains: ["refused.test"] });
  filesRoot = await mkdtemp(path.join(tmpdir(), "portal-mail-files-"));
  setTestEnv({ IMAP_URL: mail.imapUrl, SMTP_URL: mail.smtpUrl, FILES_ROOT: filesRoot, FILES_BACKEND: "local" });
  await useTestDatabase();
  [alice, bob, stranger] = await Promise.all([
    signInTestUser("Alice Martin"),
    signInTestUser("Bob Bernard"),
    signInTestUser("Sans Compte"),
  ]);
  const { saveStoredLogin } = await import("@/server/groupware/credentials");
  await saveStoredLogin(bob.user.id, BOB.email, BOB.password);

  // Seed Alice's INBOX: 1,200 small messages (written into the Maildir, as delivery would), then
  // a rich one and a reply in its conversation (APPENDed over IMAP).
  const base = Date.UTC(2026, 0, 1);
  const seeds: SeedMessage[] = [];
  for (let index = 1; index <= SEEDED; index += 1) {
    const raw = await build({
      from: { name: `Expéditeur ${index % 7}`, address: `sender${index % 7}@hopital.test` },
      to: ALICE.email,
      subject: `Message numéro ${index}`,
      text: `Corps du message ${index}. Planning de garde ${index % 3 === 0 ? "urgences" : "bloc"}.`,
      date: new Date(base + index * 60_000),
      messageId: `<seed-${index}@hopital.test>`,
    });
    seeds.push({ raw, seen: index % 2 === 0, date: new Date(base + index * 60_000) });
  }
  await seedMaildir(mail, ALICE.email, seeds);
  const client = imap(ALICE);
  await client.connect();
  await client.append(
    "INBOX",
    await build({
      from: { name: "Dr Chef", address: "chef@hopital.test" },
      to: ALICE.email,
      cc: "cadre@hopital.test",
      subject: "Protocole avec pièces jointes",
      messageId: ROOT_ID,
      html:
        '<p onclick="alert(1)">Voir <b>protocole</b></p><script>alert(1)</script>' +
        '<img src="https://tracker.test/pixel.gif"><img src="cid:logo@hopital">',
      text: "Voir protocole",
      attachments: [
        { filename: "protocole.bin", content: BIG_ATTACHMENT, contentType: "application/octet-stream" },
        {
          filename: "logo.png",
          content: Buffer.from("89504e470d0a1a0a", "hex"),
          contentType: "image/png",
          cid: "logo@hopital",
        },
      ],
    }),
  );
  await client.append(
    "INBOX",
    await build({
      from: "cadre@hopital.test",
      to: ALICE.email,
      subject: "Re: Protocole avec pièces jointes",
      inReplyTo: ROOT_ID,
      references: [ROOT_ID],
      messageId: "<reply-1@hopital.test>",
      text: "Bien reçu",
    }),
  );
  await client.logout();
  nodeServer = await startNodeRouteServer((await import("@/server/mail/mail-server-extension")).MAIL_NODE_ROUTES);
}, 240_000);

afterAll(async () => {
  const { imapPool } = await import("@/integrations/imap/imap-pool");
  await imapPool().closeAll();
  await nodeServer?.close();
  await mail?.stop();
  if (filesRoot) await rm(filesRoot, { recursive: true, force: true });
});

describe("groupware account", () => {
  it("says not connected, refuses a wrong password, connects with the right one", async () => {
    const { GET, POST } = await routes.account();
    const folders = await routes.folders();
    expect((await call(alice, folders.GET, { method: "GET", url: "/api/mail/folders" })).body.error?.code).toBe(
      "GROUPWARE_NOT_CONNECTED",
    );
    expect(
      (await call<GroupwareAccountStatus>(alice, GET, { method: "GET", url: "/api/groupware/account" })).body,
    ).toEqual({
      mode: "password",
      connected: false,
      login: null,
    });
    const wrong = await call(alice, POST, {
      method: "POST",
      url: "/api/groupware/account",
      body: { login: ALICE.email, password: "nope" },
    });
    expect(wrong.status).toBe(400);
    const bad = await call(alice, POST, {
      method: "POST",
      url: "/api/groupware/account",
      body: { login: "a b", password: "x" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/login/);
    const ok = await call<GroupwareAccountStatus>(alice, POST, {
      method: "POST",
      url: "/api/groupware/account",
      body: { login: ALICE.email, password: ALICE.password },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ mode: "password", connected: true, login: ALICE.email });
    expect((await call(null, GET, { method: "GET", url: "/api/groupware/account" })).status).toBe(401);
  }, 30_000);

  it("disconnects (then mail says not connected)", async () => {
    const { DELETE, POST } = await routes.account();
    await call(stranger, POST, {
      method: "POST",
      url: "/api/groupware/account",
      body: { login: BOB.email, password: BOB.password },
    });
    const gone = await call<GroupwareAccountStatus>(stranger, DELETE, {
      method: "DELETE",
      url: "/api/groupware/account",
    });
    expect(gone.body.connected).toBe(false);
    const folders = await routes.folders();
    expect((await call(stranger, folders.GET, { method: "GET", url: "/api/mail/folders" })).status).toBe(403);
  }, 30_000);
});

describe("reading", () => {
  it("lists folders with roles and counts", async () => {
    const { GET } = await routes.folders();
    const answer = await call<{ folders: MailFolder[] }>(alice, GET, { method: "GET", url: "/api/mail/folders" });
    expect(answer.status).toBe(200);
    const inbox = answer.body.folders.find((folder) => folder.path === "INBOX");
    expect(inbox).toMatchObject({ specialUse: "inbox", total: SEEDED + 2, unread: SEEDED / 2 + 2, selectable: true });
    expect(answer.body.folders.map((folder) => folder.specialUse)).toEqual([
      "inbox",
      "drafts",
      "sent",
      "archive",
      "junk",
      "trash",
    ]);
  });

  it("paginates 1,200+ messages newest first over one pooled login", async () => {
    const { imapPool } = await import("@/integrations/imap/imap-pool");
    const { GET } = await routes.messages();
    const loginsBefore = imapPool().stats().logins;
    const seen = new Set<number>();
    let cursor: string | null = null;
    let pages = 0;
    let previousUid = Number.POSITIVE_INFINITY;
    do {
      const url: string = `/api/mail/messages?folder=INBOX&limit=200${cursor ? `&cursor=${cursor}` : ""}`;
      const page: Answer<MessagePage> = await call<MessagePage>(alice, GET, { method: "GET", url });
      expect(page.status).toBe(200);
      for (const message of page.body.messages) {
        expect(message.uid).toBeLessThan(previousUid);
        previousUid = message.uid;
        seen.add(message.uid);
      }
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen.size).toBe(SEEDED + 2);
    expect(pages).toBe(Math.ceil((SEEDED + 2) / 200));
    expect(imapPool().stats().logins - loginsBefore).toBeLessThanOrEqual(1);

    const first = await call<MessagePage>(alice, GET, { method: "GET", url: "/api/mail/messages?limit=3" });
    expect(first.body.messages.map((message) => message.subject)).toEqual([
      "Re: Protocole avec pièces jointes",
      "Protocole avec pièces jointes",
      `Message numéro ${SEEDED}`,
    ]);
    const seeded = must(first.body.messages[2]);
    expect(seeded.preview).toBe(`Corps du message ${SEEDED}. Planning de garde urgences.`);
    expect(seeded.flags).toEqual(["seen"]);
    expect(must(first.body.messages[1]).hasAttachments).toBe(true);
    expect(must(first.body.messages[0]).threadId).toBe(ROOT_ID);
    expect(must(first.body.messages[1]).threadId).toBe(ROOT_ID);
  }, 60_000);

  it("reads a message: sanitised HTML, remote images blocked, attachments, conversation", async () => {
    const { GET } = await routes.message();
    const list = await call<MessagePage>(alice, (await routes.messages()).GET, {
      method: "GET",
      url: "/api/mail/messages?limit=2",
    });
    const rich = must(list.body.messages[1]);
    const answer = await call<MessageDetail>(alice, GET, {
      method: "GET",
      url: `/api/mail/message?folder=INBOX&uid=${rich.uid}`,
    });
    expect(answer.status).toBe(200);
    const detail = answer.body;
    expect(detail.html).toContain("<b>protocole</b>");
    expect(detail.html).not.toMatch(/script|onclick|tracker\.test/);
    expect(detail.remoteImagesBlocked).toBe(true);
    expect(detail.html).toContain(`/api/mail/attachment?folder=INBOX&amp;uid=${rich.uid}&amp;part=`);
    expect(detail.cc).toEqual([{ name: "", address: "cadre@hopital.test" }]);
    expect(detail.attachments.map((attachment) => [attachment.filename, attachment.inline]).sort()).toEqual([
      ["logo.png", true],
      ["protocole.bin", false],
    ]);
    expect(detail.conversation.map((message) => message.subject)).toEqual(["Re: Protocole avec pièces jointes"]);
    const allowed = await call<MessageDetail>(alice, GET, {
      method: "GET",
      url: `/api/mail/message?folder=INBOX&uid=${rich.uid}&images=allow`,
    });
    expect(allowed.body.html).toContain("https://tracker.test/pixel.gif");
  });

  it("streams an attachment byte for byte, and serves the body document with its own CSP", async () => {
    const list = await call<MessagePage>(alice, (await routes.messages()).GET, {
      method: "GET",
      url: "/api/mail/messages?limit=2",
    });
    const uid = must(list.body.messages[1]).uid;
    const detail = await call<MessageDetail>(alice, (await routes.message()).GET, {
      method: "GET",
      url: `/api/mail/message?folder=INBOX&uid=${uid}`,
    });
    const part = must(detail.body.attachments.find((attachment) => attachment.filename === "protocole.bin")).part;
    const response = await fetch(`${nodeServer.origin}/api/mail/attachment?folder=INBOX&uid=${uid}&part=${part}`, {
      headers: { cookie: alice.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain('attachment; filename="protocole.bin"');
    expect(Buffer.from(await response.arrayBuffer()).equals(BIG_ATTACHMENT)).toBe(true);

    const anonymous = await fetch(`${nodeServer.origin}/api/mail/attachment?folder=INBOX&uid=${uid}&part=${part}`);
    expect(anonymous.status).toBe(401);
    const badPart = await fetch(`${nodeServer.origin}/api/mail/attachment?folder=INBOX&uid=${uid}&part=1;DROP`, {
      headers: { cookie: alice.cookie },
    });
    expect(badPart.status).toBe(400);
    expect(((await badPart.json()) as { error: { message: string } }).error.message).toMatch(/part/);

    const document = await fetch(`${nodeServer.origin}/api/mail/message/html?folder=INBOX&uid=${uid}`, {
      headers: { cookie: alice.cookie },
    });
    expect(document.status).toBe(200);
    const csp = document.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src data:;");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(document.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    const html = await document.text();
    expect(html).toContain("<b>protocole</b>");
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).not.toMatch(/<script|onclick|tracker\.test/);
    const withImages = await fetch(`${nodeServer.origin}/api/mail/message/html?folder=INBOX&uid=${uid}&images=allow`, {
      headers: { cookie: alice.cookie },
    });
    expect(withImages.headers.get("content-security-policy")).toContain("img-src data: https:");
  }, 30_000);

  it("searches on the server by sender, subject, text and date", async () => {
    const { GET } = await routes.search();
    const bySubject = await call<SearchResult>(alice, GET, {
      method: "GET",
      url: "/api/mail/search?subject=Protocole",
    });
    expect(bySubject.body.messages.map((message) => message.subject)).toEqual([
      "Re: Protocole avec pièces jointes",
      "Protocole avec pièces jointes",
    ]);
    const byFrom = await call<SearchResult>(alice, GET, {
      method: "GET",
      url: "/api/mail/search?from=sender3%40hopital.test&limit=5",
    });
    expect(byFrom.body.totalMatches).toBe(Math.floor((SEEDED - 3) / 7) + 1);
    expect(byFrom.body.truncated).toBe(true);
    expect(byFrom.body.messages).toHaveLength(5);
    const byText = await call<SearchResult>(alice, GET, {
      method: "GET",
      url: "/api/mail/search?text=urgences&since=2026-01-01&limit=200",
    });
    expect(byText.body.totalMatches).toBe(SEEDED / 3);
    const none = await call<SearchResult>(alice, GET, { method: "GET", url: "/api/mail/search?before=2020-01-01" });
    expect(none.body.totalMatches).toBe(0);
    const empty = await call(alice, GET, { method: "GET", url: "/api/mail/search?folder=INBOX" });
    expect(empty.status).toBe(400);
    const badDate = await call(alice, GET, { method: "GET", url: "/api/mail/search?since=yesterday" });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error?.message).toMatch(/since/);
  });

  it("answers bad input 400 by name and a missing message 404", async () => {
    const { GET } = await routes.message();
    for (const [url, field] of [
      ["/api/mail/message?folder=INBOX&uid=0", "uid"],
      ["/api/mail/message?folder=INBOX&uid=abc", "uid"],
      ["/api/mail/message?folder=INBOX%0D%0AA1%20LOGOUT&uid=1", "folder"],
      ["/api/mail/message?uid=1", "folder"],
    ] as const) {
      const answer = await call(alice, GET, { method: "GET", url });
      expect(answer.status, url).toBe(400);
      expect(answer.body.error?.message).toContain(field);
    }
    expect((await call(alice, GET, { method: "GET", url: "/api/mail/message?folder=INBOX&uid=999999" })).status).toBe(
      404,
    );
    expect((await call(alice, GET, { method: "GET", url: "/api/mail/message?folder=Nope&uid=1" })).status).toBe(404);
    const list = await routes.messages();
    expect((await call(alice, list.GET, { method: "GET", url: "/api/mail/messages?limit=5000" })).status).toBe(400);
    expect((await call(alice, list.GET, { method: "GET", url: "/api/mail/messages?cursor=-1" })).status).toBe(400);
  });
});

describe("changing messages", () => {
  it("flags, moves, archives, trashes, and expunges only inside Trash", async () => {
    const { GET, PATCH } = await routes.messages();
    const page = await call<MessagePage>(alice, GET, { method: "GET", url: "/api/mail/messages?limit=10" });
    const [a, b, c] = page.body.messages.slice(4, 7).map((message) => message.uid) as [number, number, number];
    const flagged = await call<MessagesActionResult>(alice, PATCH, {
      method: "PATCH",
      url: "/api/mail/messages",
      body: { folder: "INBOX", uids: [a], action: { type: "flags", add: ["flagged", "seen"] } },
    });
    expect(flagged.status).toBe(200);
    const after = await call<MessagePage>(alice, GET, { method: "GET", url: "/api/mail/messages?limit=10" });
    expect(after.body.messages.find((message) => message.uid === a)?.flags.sort()).toEqual(["flagged", "seen"]);

    const archived = await call<MessagesActionResult>(alice, PATCH, {
      method: "PATCH",
      url: "/api/mail/messages",
      body: { folder: "INBOX", uids: [a], action: { type: "archive" } },
    });
    expect(archived.body.destination).toBe("Archive");
    expect(Object.keys(archived.body.uidMap)).toEqual([String(a)]);

    const trashed = await call<MessagesActionResult>(alice, PATCH, {
      method: "PATCH",
      url: "/api/mail/messages",
      body: { folder: "INBOX", uids: [b, c], action: { type: "trash" } },
    });
    expect(trashed.body.destination).toBe("Trash");
    const trashUids = Object.values(trashed.body.uidMap);
    expect(trashUids).toHaveLength(2);
    const expunged = await call<MessagesActionResult>(alice, PATCH, {
      method: "PATCH",
      url: "/api/mail/messages",
      body: { folder: "Trash", uids: [trashUids[0]], action: { type: "trash" } },
    });
    expect(expunged.body.expunged).toBe(true);
    const trash = await call<MessagePage>(alice, GET, { method: "GET", url: "/api/mail/messages?folder=Trash" });
    expect(trash.body.messages.map((message) => message.uid)).toEqual([trashUids[1]]);

    const moved = await call<MessagesActionResult>(alice, PATCH, {
      method: "PATCH",
      url: "/api/mail/messages",
      body: { folder: "Trash", uids: [trashUids[1]], action: { type: "move", to: "INBOX" } },
    });
    expect(moved.body.destination).toBe("INBOX");
    const nowhere = await call(alice, PATCH, {
      method: "PATCH",
      url: "/api/mail/messages",
      body: { folder: "INBOX", uids: [a], action: { type: "move", to: "Nowhere" } },
    });
    expect(nowhere.status).toBe(404);
    const bad = await call(alice, PATCH, {
      method: "PATCH",
      url: "/api/mail/messages",
      body: { folder: "INBOX", uids: [], action: { type: "explode" } },
    });
    expect(bad.status).toBe(400);
  });
});

describe("composing and sending", () => {
  async function bobInbox(subject: string): Promise<{ raw: string } | null> {
    const client = imap(BOB);
    await client.connect();
    try {
      const lock = await client.getMailboxLock("INBOX");
      try {
        const found = await client.search({ subject }, { uid: true });
        const uid = Array.isArray(found) ? found.at(-1) : undefined;
        if (!uid) return null;
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        return message && message.source ? { raw: message.source.toString("utf8") } : null;
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  it("sends: the recipient gets it, Sent has it, the draft is gone", async () => {
    const drafts = await routes.drafts();
    const draft = await call<DraftSaved>(alice, drafts.POST, {
      method: "POST",
      url: "/api/mail/drafts",
      body: { mode: "new", to: [{ name: "Bob", address: BOB.email }], subject: "Brouillon", html: "<p>v1</p>" },
    });
    expect(draft.status).toBe(200);
    expect(draft.body.folder).toBe("Drafts");
    const draft2 = await call<DraftSaved>(alice, drafts.POST, {
      method: "POST",
      url: "/api/mail/drafts",
      body: {
        mode: "new",
        to: [{ name: "Bob", address: BOB.email }],
        subject: "Relève de garde",
        html: "<p>Bonjour <b>Bob</b><script>x()</script></p>",
        draftUid: draft.body.uid,
      },
    });
    const { GET } = await routes.messages();
    const draftsPage = await call<MessagePage>(alice, GET, { method: "GET", url: "/api/mail/messages?folder=Drafts" });
    expect(draftsPage.body.messages.map((message) => message.uid)).toEqual([draft2.body.uid]);

    const { POST } = await routes.send();
    const sent = await call<SendResult>(alice, POST, {
      method: "POST",
      url: "/api/mail/send",
      body: {
        mode: "new",
        to: [{ name: "Bob", address: BOB.email }],
        bcc: [{ name: "", address: "secret@hopital.test" }],
        subject: "Relève de garde",
        html: "<p>Bonjour <b>Bob</b><script>x()</script></p>",
        draftUid: draft2.body.uid,
      },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.accepted).toContain(BOB.email);
    expect(sent.body.sentFolder).toBe("Sent");
    const received = await bobInbox("Relève de garde");
    expect(received?.raw).toContain("<b>Bob</b>");
    expect(received?.raw).not.toContain("<script");
    expect(received?.raw).not.toMatch(/^Bcc:/im);
    const sentPage = await call<MessagePage>(alice, GET, { method: "GET", url: "/api/mail/messages?folder=Sent" });
    expect(sentPage.body.messages[0]?.subject).toBe("Relève de garde");
    expect(sentPage.body.messages[0]?.uid).toBe(sent.body.sentUid);
    const afterDrafts = await call<MessagePage>(alice, GET, { method: "GET", url: "/api/mail/messages?folder=Drafts" });
    expect(afterDrafts.body.messages).toEqual([]);
  }, 30_000);

  it("replies with an attachment from Files, threaded, quoted, original marked answered", async () => {
    const { getFileStorage } = await import("@/server/files/get-file-storage");
    const { parseUserPath } = await import("@/server/files/paths");
    const pdf = Buffer.from("%PDF-1.4 compte rendu");
    await getFileStorage().write({ user: alice.user }, parseUserPath("/compte-rendu.pdf"), Readable.from([pdf]), {
      size: pdf.length,
    });
    const found = await call<SearchResult>(alice, (await routes.search()).GET, {
      method: "GET",
      url: "/api/mail/search?subject=Protocole%20avec",
    });
    const root = must(found.body.messages.find((message) => message.messageId === ROOT_ID));
    const { POST } = await routes.send();
    const sent = await call<SendResult>(alice, POST, {
      method: "POST",
      url: "/api/mail/send",
      body: {
        mode: "reply",
        original: { folder: "INBOX", uid: root.uid },
        to: [{ name: "Bob", address: BOB.email }],
        subject: "Protocole avec pièces jointes",
        html: "<p>Voici le compte rendu.</p>",
        attachments: [{ kind: "files", path: "/compte-rendu.pdf" }],
      },
    });
    expect(sent.status).toBe(200);
    const received = await bobInbox("Re: Protocole avec pièces jointes");
    const parsed = await simpleParser(must(received).raw);
    expect(parsed.subject).toBe("Re: Protocole avec pièces jointes");
    expect(received?.raw).toContain(`In-Reply-To: ${ROOT_ID}`);
    expect(received?.raw).toContain(`References: ${ROOT_ID}`);
    expect(received?.raw).toContain("filename=compte-rendu.pdf");
    expect(received?.raw).toContain(pdf.toString("base64"));
    expect(parsed.text).toContain("Dr Chef <chef@hopital.test> a écrit :\n> Voir protocole");
    expect(parsed.html).toContain('<blockquote type="cite"');
    const detail = await call<MessageDetail>(alice, (await routes.message()).GET, {
      method: "GET",
      url: `/api/mail/message?folder=INBOX&uid=${root.uid}`,
    });
    expect(detail.body.flags).toContain("answered");
  }, 30_000);

  it("keeps the draft and says why when the server refuses a recipient", async () => {
    const { POST } = await routes.send();
    const refused = await call<SendResult>(alice, POST, {
      method: "POST",
      url: "/api/mail/send",
      body: { mode: "new", to: [{ name: "", address: "someone@refused.test" }], subject: "Refusé", text: "texte" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain("someone@refused.test");
    const draftUid = refused.body.error?.draftUid;
    expect(draftUid).toBeGreaterThan(0);
    const drafts = await call<MessagePage>(alice, (await routes.messages()).GET, {
      method: "GET",
      url: "/api/mail/messages?folder=Drafts",
    });
    expect(drafts.body.messages.map((message) => [message.uid, message.subject])).toEqual([[draftUid, "Refusé"]]);
  }, 30_000);

  it("refuses header injection and bad recipients, naming the field", async () => {
    const { POST } = await routes.send();
    for (const [body, field] of [
      [{ to: [{ name: "", address: BOB.email }], subject: "Salut\r\nBcc: victim@evil.test" }, "subject"],
      [{ to: [{ name: "Bob\nBcc: x@evil.test", address: BOB.email }], subject: "s" }, "name"],
      [{ to: [{ name: "", address: "bob@example.test\r\nBcc: x@evil.test" }], subject: "s" }, "address"],
      [{ to: [{ name: "", address: "not-an-address" }], subject: "s" }, "address"],
      [{ to: [], subject: "s" }, "to"],
    ] as const) {
      const answer = await call(alice, POST, { method: "POST", url: "/api/mail/send", body: { mode: "new", ...body } });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error?.message).toContain(field);
    }
    const notJson = await call(alice, POST, { method: "POST", url: "/api/mail/send", rawBody: "{" });
    expect(notJson.status).toBe(400);
  });

  it("adds a file from the computer to a draft, then saves an attachment to Files", async () => {
    const drafts = await routes.drafts();
    const draft = await call<DraftSaved>(alice, drafts.POST, {
      method: "POST",
      url: "/api/mail/drafts",
      body: { mode: "new", to: [{ name: "", address: BOB.email }], subject: "Avec fichier", text: "ci-joint" },
    });
    const content = randomBytes(200_000);
    const upload = await fetch(
      `${nodeServer.origin}/api/mail/drafts/attachments?draftUid=${draft.body.uid}&name=${encodeURIComponent("scan é.png")}`,
      { method: "POST", headers: { cookie: alice.cookie, "content-type": "image/png" }, body: content },
    );
    expect(upload.status).toBe(200);
    const saved = (await upload.json()) as DraftSaved;
    expect(saved.uid).not.toBe(draft.body.uid);
    expect(saved.attachments.map((attachment) => attachment.filename)).toEqual(["scan é.png"]);
    const detail = await call<MessageDetail>(alice, (await routes.message()).GET, {
      method: "GET",
      url: `/api/mail/message?folder=Drafts&uid=${saved.uid}`,
    });
    expect(detail.body.subject).toBe("Avec fichier");
    expect(detail.body.to).toEqual([{ name: "", address: BOB.email }]);
    const oldGone = await call(alice, (await routes.message()).GET, {
      method: "GET",
      url: `/api/mail/message?folder=Drafts&uid=${draft.body.uid}`,
    });
    expect(oldGone.status).toBe(404);

    const { POST } = await routes.saveToFiles();
    const copied = await call<{ path: string }>(alice, POST, {
      method: "POST",
      url: "/api/mail/attachment/save-to-files",
      body: { folder: "Drafts", uid: saved.uid, part: must(saved.attachments[0]).part, targetFolder: "/" },
    });
    expect(copied.status).toBe(200);
    expect(copied.body.path).toBe("/scan é.png");
    const again = await call<{ path: string }>(alice, POST, {
      method: "POST",
      url: "/api/mail/attachment/save-to-files",
      body: { folder: "Drafts", uid: saved.uid, part: must(saved.attachments[0]).part, targetFolder: "/" },
    });
    expect(again.body.path).toBe("/scan é (2).png");
    const { getFileStorage } = await import("@/server/files/get-file-storage");
    const { parseUserPath } = await import("@/server/files/paths");
    const read = await getFileStorage().read({ user: alice.user }, parseUserPath("/scan é.png"));
    const chunks: Buffer[] = [];
    for await (const chunk of read.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(content)).toBe(true);

    const tooBig = await fetch(`${nodeServer.origin}/api/mail/drafts/attachments?name=x.bin`, {
      method: "POST",
      headers: {
        cookie: alice.cookie,
        "content-type": "application/octet-stream",
        "content-length": String(30 * 1024 * 1024),
      },
      body: Buffer.alloc(1),
    }).catch(() => null);
    if (tooBig) expect(tooBig.status).toBe(413);
    const badName = await fetch(
      `${nodeServer.origin}/api/mail/drafts/attachments?name=${encodeURIComponent("a\r\nb")}`,
      {
        method: "POST",
        headers: { cookie: alice.cookie },
        body: Buffer.from("x"),
      },
    );
    expect(badName.status).toBe(400);
  }, 60_000);
});
