/**
 * Mail (/mail, the dashboard widget, compose) in Chromium against the demo stack, whose mail is the
 * tests' own stand-in: Dovecot + the SMTP submission bridge (scripts/standins/dovecot.ts), started
 * by `npm run demo` (scripts/demo/groupware.ts) with demo messages in alice's inbox. The demo
 * connects each demo account's mailbox once that person has signed in; the spec waits for it.
 *
 * The spec reaches the stand-in directly only to deliver mail (hostile bodies, over LMTP, as the
 * mail server's own delivery would) and to look into bruno's mailbox (IMAP as bruno), through the
 * endpoints the demo writes to .data/demo-groupware-<port>.json.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import { expect, storageStatePath, test } from "../fixtures";
import { FilesPage } from "../fixtures/files-page";
import { widget } from "../fixtures/pages";
import { PORTAL_PORT } from "../support/stack";
import { HOSTILE_MAIL } from "../../test/fixtures/hostile-mail/corpus";

test.use({ storageState: storageStatePath("alice") });

const ALICE = "alice.martin@demo.hopital.test";
const BRUNO = "bruno.durand@demo.hopital.test";

interface Endpoints {
  imapUrl: string;
  lmtpPort: number;
  accounts: Array<{ email: string; password: string }>;
}

async function endpoints(): Promise<Endpoints> {
  const file = path.join(process.cwd(), ".data", `demo-groupware-${PORTAL_PORT}.json`);
  const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<Endpoints>;
  if (!parsed.imapUrl || !parsed.lmtpPort || !parsed.accounts)
    throw new Error(`${file}: the demo started no mail stand-in`);
  return parsed as Endpoints;
}

async function imapAs(email: string): Promise<ImapFlow> {
  const stand = await endpoints();
  const account = stand.accounts.find((candidate) => candidate.email === email);
  if (!account) throw new Error(`no demo mailbox for ${email}`);
  const url = new URL(stand.imapUrl);
  const client = new ImapFlow({
    host: url.hostname,
    port: Number(url.port),
    secure: false,
    auth: { user: account.email, pass: account.password },
    logger: false,
  });
  await client.connect();
  return client;
}

/** Delivers raw HTML mails into alice's inbox over the stand-in's LMTP port; returns their uids. */
async function deliverToAlice(messages: Array<{ subject: string; html: string }>, tag: string): Promise<number[]> {
  const stand = await endpoints();
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: stand.lmtpPort,
    lmtp: true,
    ignoreTLS: true,
  });
  try {
    for (const message of messages) {
      await transport.sendMail({
        from: { name: "Expéditeur inconnu", address: "inconnu@evil.test" },
        to: ALICE,
        subject: message.subject,
        html: message.html,
        text: "Ce message contient du HTML hostile.",
        envelope: { from: "inconnu@evil.test", to: [ALICE] },
      });
    }
  } finally {
    transport.close();
  }
  const client = await imapAs(ALICE);
  try {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const found = await client.search({ subject: tag }, { uid: true });
      return (Array.isArray(found) ? found : []).sort((a, b) => a - b);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** The raw source of the newest message of `email`'s inbox matching `criteria` ("" when none). */
async function newestSource(email: string, criteria: { subject: string; from: string }): Promise<string> {
  const client = await imapAs(email);
  try {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const found = await client.search(criteria, { uid: true });
      const newest = Array.isArray(found) ? found.sort((a, b) => a - b).at(-1) : undefined;
      if (newest === undefined) return "";
      const message = await client.fetchOne(String(newest), { source: true }, { uid: true });
      return message ? (message.source?.toString("utf8") ?? "") : "";
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** Waits until the demo has connected alice's mailbox (it does so once she has signed in). */
async function expectMailConnected(page: Page): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await (await page.request.get("/api/groupware/account")).json()) as { connected?: boolean }).connected,
      {
        timeout: 20_000,
      },
    )
    .toBe(true);
}

async function openMail(page: Page): Promise<void> {
  await expectMailConnected(page);
  await page.goto("/mail");
  await expect(page.getByRole("heading", { level: 1, name: /Messagerie/ })).toBeVisible();
  await expect(page.getByTestId("mail-folders").getByRole("button", { name: /Boîte de réception/ })).toBeVisible();
}

function row(page: Page, text: string) {
  return page.getByTestId("mail-row").filter({ hasText: text });
}

/** Finds messages by the server-side search (the folder may hold many newer ones) and opens the first. */
async function searchAndOpen(page: Page, text: string, sender: string): Promise<void> {
  const search = page.getByTestId("mail-search");
  await search.getByRole("searchbox").fill(text);
  await search.getByRole("button", { name: "Rechercher" }).click();
  await row(page, text).filter({ hasText: sender }).first().click();
}

test("reads a seeded message, replies with a file from Files, finds the reply in Sent and in the recipient's inbox", async ({
  page,
  axe,
}) => {
  test.setTimeout(180_000);
  // A file of alice's Files to attach, uploaded through the Files page.
  const folder = `Courriers ${test.info().testId.slice(0, 8)}-${test.info().retry}`;
  const attachmentName = `ordre-du-jour-${test.info().retry}.txt`;
  const files = new FilesPage(page);
  await files.goto();
  await files.createFolder(folder);
  await files.openFolder(folder);
  await files.upload([
    {
      name: attachmentName,
      mimeType: "text/plain",
      buffer: Buffer.from("1. Protocole de transmissions\n2. Questions diverses\n"),
    },
  ]);
  await files.expectUploaded(attachmentName);

  await openMail(page);
  await axe.expectNoSeriousViolations(page, "mail inbox");
  await searchAndOpen(page, "Réunion de service jeudi", "Bruno Durand");
  const reader = page.getByTestId("mail-reader");
  await expect(reader.getByRole("heading", { name: "Réunion de service jeudi" })).toBeVisible();
  await expect(reader.getByTestId("mail-from")).toContainText(BRUNO);
  // The body: the sandboxed frame shows the text (a text-only mail) or the text view.
  await expect(reader.getByTestId("mail-conversation")).toBeVisible();
  await axe.expectNoSeriousViolations(page, "mail message");

  await reader.getByRole("button", { name: "Répondre", exact: true }).click();
  const compose = page.getByTestId("mail-compose");
  await expect(compose).toBeVisible();
  await expect(compose.getByTestId("compose-to")).toContainText(BRUNO);
  await expect(compose.getByTestId("compose-subject")).toHaveValue("Re: Réunion de service jeudi");
  await compose.getByTestId("compose-body").click();
  await page.keyboard.type("Entendu, je présenterai le protocole. L'ordre du jour est joint.");
  await expect(compose.getByTestId("compose-status")).toContainText("Brouillon enregistré à", { timeout: 15_000 });

  await compose.getByRole("button", { name: "Joindre depuis Fichiers" }).click();
  const picker = page.getByTestId("mail-files-picker");
  await picker.getByRole("button", { name: folder }).click();
  await picker.getByLabel(attachmentName).check();
  await picker.getByRole("button", { name: "Joindre la sélection (1)" }).click();
  await expect(compose.getByTestId("compose-attachments")).toContainText(attachmentName);

  await compose.getByRole("button", { name: "Envoyer" }).click();
  await expect(compose).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId("mail-toast")).toContainText("Message envoyé.");

  // In alice's Sent…
  await page
    .getByTestId("mail-folders")
    .getByRole("button", { name: /Envoyés/ })
    .click();
  await row(page, "Re: Réunion de service jeudi").first().click();
  await expect(page.getByTestId("mail-attachments")).toContainText(attachmentName);

  // …and in bruno's inbox, with the file attached.
  const source = await newestSource(BRUNO, { subject: "Re: Réunion de service jeudi", from: ALICE });
  expect(source).toContain(attachmentName);
  expect(source).toMatch(/In-Reply-To: <reunion-service-/i);
});

test("hostile mail: no payload of the corpus executes in the sandboxed frame, which keeps its sandbox and CSP", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const fired: string[] = [];
  // If a payload ever ran, it would call window.__pwned (defined in every frame that runs scripts)
  // or load something from evil.test; both are recorded here, and dialogs too.
  await page.context().exposeBinding("__pwnedReport", (_source, name: string) => void fired.push(`pwned:${name}`));
  await page.addInitScript(() => {
    const report = (window as unknown as { __pwnedReport: (name: string) => void }).__pwnedReport;
    Object.assign(window, { __pwned: (name: string) => report(String(name)) });
  });
  page.on("dialog", (dialog) => {
    fired.push(`dialog:${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.context().route(/evil\.test/, (route) => {
    fired.push(`request:${route.request().url()}`);
    return route.abort();
  });

  // The detector is not blind: a script that does run is reported.
  await page.goto("/offline");
  await page.evaluate(() => (window as unknown as { __pwned: (name: string) => void }).__pwned("control"));
  await expect.poll(() => fired).toEqual(["pwned:control"]);
  fired.length = 0;

  const tag = `hostile-${Date.now().toString(36)}`;
  const uids = await deliverToAlice(
    HOSTILE_MAIL.map((mail) => ({ subject: `${tag} ${mail.name}`, html: mail.html })),
    tag,
  );
  expect(uids).toHaveLength(HOSTILE_MAIL.length);

  await openMail(page);
  for (const uid of uids) {
    // The app follows history like a link from the dashboard would (no full reload per message).
    await page.evaluate((target) => {
      window.history.pushState(null, "", `/mail?uid=${target}`);
      window.dispatchEvent(new PopStateEvent("popstate"));
    }, uid);
    const frame = page.getByTestId("mail-body-frame");
    await expect(frame).toHaveAttribute("src", new RegExp(`uid=${uid}(&|$)`));
    await expect(frame).toHaveAttribute("sandbox", "");
    // The frame's document loaded (Playwright reads it from outside; the page itself cannot).
    await expect(page.frameLocator('[data-testid="mail-body-frame"]').locator("body")).toBeAttached();
  }
  // An empty sandbox disables scripts and timers altogether; a meta refresh would have navigated
  // the frame away from the body document (the src assertion above held for every message).
  expect(fired).toEqual([]);

  // The body document's own CSP forbids scripts whatever the frame does.
  const response = await page.request.get(`/api/mail/message/html?folder=INBOX&uid=${uids[0]}`);
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("default-src 'none'");
  expect(headers["content-security-policy"]).not.toMatch(/script-src/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  const body = await response.text();
  expect(body.toLowerCase()).not.toContain("<script");
  expect(body.toLowerCase()).not.toMatch(/\son[a-z]+\s*=/);
});

test("header injection: line breaks cannot be typed into the subject, a forged recipient is refused with a message, the API refuses CR/LF by name", async ({
  page,
}) => {
  await openMail(page);
  await page.getByTestId("mail-new").click();
  const compose = page.getByTestId("mail-compose");
  const subject = compose.getByTestId("compose-subject");
  await subject.fill("Bonjour\r\nBcc: espion@evil.test");
  await expect(subject).not.toHaveValue(/[\r\n]/);

  const to = compose.getByTestId("compose-to").getByRole("combobox");
  await to.focus();
  // A pasted list with a header smuggled on its second line becomes two recipients; the second is not an address.
  await page.evaluate(() => {
    const input = document.activeElement as HTMLInputElement;
    const data = new DataTransfer();
    data.setData("text/plain", "bruno.durand@demo.hopital.test\r\nBcc: espion@evil.test");
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await compose.getByRole("button", { name: "Envoyer" }).click();
  await expect(compose.getByTestId("compose-error")).toContainText("Adresse invalide : « Bcc: espion@evil.test »");
  await expect(compose).toBeVisible();

  const refused = await page.request.post("/api/mail/send", {
    data: { mode: "new", to: [{ name: "", address: BRUNO }], subject: "Bonjour\r\nBcc: espion@evil.test", text: "x" },
  });
  expect(refused.status()).toBe(400);
  expect(JSON.stringify(await refused.json())).toContain("subject");
  const forgedName = await page.request.post("/api/mail/send", {
    data: { mode: "new", to: [{ name: "Bruno\nBcc: espion@evil.test", address: BRUNO }], subject: "x", text: "x" },
  });
  expect(forgedName.status()).toBe(400);
});

test("on a phone the list and the message are two screens; the widget shows unread mail", async ({ page, axe }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openMail(page);
  const list = page.getByTestId("mail-list");
  await expect(list).toBeVisible();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
  await axe.expectNoSeriousViolations(page, "mail list on a phone");

  await searchAndOpen(page, "Planning des consultations", "Secrétariat de cardiologie");
  await expect(page.getByTestId("mail-reader")).toBeVisible();
  await expect(list).toBeHidden();
  await expect(page.getByTestId("mail-attachments")).toContainText("planning-consultations.csv");
  await expect(page.getByTestId("mail-body-frame")).toHaveAttribute("sandbox", "");
  // axe audits the portal's page, not the sender's markup: it cannot run inside a frame whose
  // sandbox forbids scripts (it waits for it until the timeout), so the audit uses the text view.
  await page.getByTestId("mail-text-toggle").click();
  await expect(page.getByTestId("mail-body-text")).toContainText("planning des consultations");
  await axe.expectNoSeriousViolations(page, "mail message on a phone");
  await page.getByRole("button", { name: "Retour à la liste" }).first().click();
  await expect(list).toBeVisible();

  // Keyboard only: Tab reaches the list, arrows move, Enter opens.
  await list.getByTestId("mail-row").first().focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("mail-reader")).toBeVisible();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  const card = widget(page, "mail");
  await expect(card.getByTestId("mail-widget")).toBeVisible();
  // The five newest messages of the inbox (which ones depends on what earlier tests delivered), each opening itself.
  await expect(card.locator('a[href^="/mail?uid="]')).toHaveCount(5);
  await expect(card).toContainText(/\d+ messages? non lus?/);
});
