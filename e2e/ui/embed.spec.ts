/**
 * Embedding for hospital software (issue 7), in Chromium, driven through the sample vendor
 * (e2e/dpi-sample/: a "DPI" on 127.0.0.1, another site than the portal's localhost, using only the
 * public API and postMessage):
 *   - a discharge summary created from the template with the patient's fields, edited in the
 *     iframe (typing, then lab results inserted by the DPI), saved (event + verified webhook),
 *     closed (event + webhook + "document fermé"), then fetched as PDF through the API and read;
 *   - the browser refuses to render the editor in a page of an unregistered origin;
 *   - a reused launch URL shows an error page and tells the DPI; forged commands from other
 *     frames or origins change nothing; a view-mode session is read-only.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { test as base, expect } from "../fixtures";
import { BrowserRequestLog } from "../fixtures/request-log";
import { ALLOWED_BROWSER_ORIGINS, DPI_ORIGIN, PORTAL_URL, UNREGISTERED_ORIGIN } from "../support/stack";
import { DpiPage, dpiWebhooks, type DpiSession } from "../dpi-sample/dpi-driver";

const run = promisify(execFile);

// The browser visits the vendor's pages here on purpose: they join the allowed hosts; the portal's
// own pages inside the iframe are still checked like everywhere else.
const test = base.extend({
  // An override keeps the fixture automatic (Playwright carries `auto` over from the definition).
  requestLog: async ({ context }, provide, testInfo) => {
    const log = new BrowserRequestLog([...ALLOWED_BROWSER_ORIGINS, DPI_ORIGIN, UNREGISTERED_ORIGIN]);
    log.watch(context);
    await provide(log);
    await testInfo.attach("browser hosts", { body: log.hosts().join("\n"), contentType: "text/plain" });
    expect(log.foreign(), "the browser contacted a host that is neither the portal nor the test's vendor").toEqual([]);
  },
});

async function pdfText(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "embed-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    await writeFile(file, bytes);
    const { stdout } = await run("pdftotext", ["-enc", "UTF-8", file, "-"]);
    return stdout.replace(/\s+/g, " ");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test.describe("embedding in a patient-record software", () => {
  test("a discharge summary written in the DPI's iframe is saved, closed and read back as PDF", async ({
    page,
    request,
    axe,
  }) => {
    const dpi = new DpiPage(page, DPI_ORIGIN);
    await dpi.open();
    await dpi.button("Rédiger le compte-rendu d'hospitalisation").click();
    await expect.poll(() => dpi.eventNames(), { timeout: 30_000 }).toContain("ready");
    const session = (await dpi.session()) as DpiSession;
    expect(session.embedUrl).toMatch(new RegExp(`^${PORTAL_URL}/embed/v1/launch#`));

    // The editor, without the portal's chrome, with the patient's fields — markup shown as text.
    const editor = dpi.editor();
    await expect(editor).toContainText("DUPONT Jeanne");
    await expect(editor).toContainText("Chute <b>à domicile</b> <script>alert(1)</script>");
    await expect(dpi.frame.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
    await expect(dpi.frame.getByRole("banner")).toHaveCount(0);
    await expect(dpi.frame.getByRole("link", { name: /Documents/ })).toHaveCount(0);
    await axe.expectNoSeriousViolations(page, "embedded editor in the DPI");

    // Typing in the iframe, then lab results inserted at the cursor by the DPI.
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Patient sortant en bon état général. ");
    await dpi.button("Insérer les résultats de biologie").click();
    await expect(editor).toContainText("Patient sortant en bon état général. Hémoglobine 13,2 g/dL");
    await expect.poll(() => dpi.eventNames()).toContain("changed");

    // Forged commands from a foreign origin and from a sibling frame of the DPI's own origin.
    await dpi.addForgingFrame(`${UNREGISTERED_ORIGIN}/forge`);
    await dpi.addForgingFrame(`${DPI_ORIGIN}/forge`);
    await expect(page.locator("iframe.hostile-frame")).toHaveCount(2);
    for (const index of [0, 1]) {
      await expect(page.frameLocator(`iframe.hostile-frame >> nth=${index}`).locator("body")).toHaveAttribute(
        "data-sent",
        "2",
      );
    }
    await page.evaluate(() =>
      (window as unknown as { dpi: { send(c: string, e: object): void } }).dpi.send("insertText", {
        text: "\nContrôle J+30",
      }),
    );
    await expect(editor).toContainText("Contrôle J+30");
    await expect(editor).not.toContainText("TEXTE-PIRATE");
    expect(await dpi.eventNames()).not.toContain("closed");

    // Save: the event, then the signed webhook the DPI's backend verified.
    await dpi.button("Enregistrer").click();
    await expect.poll(() => dpi.eventNames()).toContain("saved");
    await expect
      .poll(
        async () => (await dpiWebhooks(request, DPI_ORIGIN)).accepted.map((hook) => `${hook.type}:${hook.sessionId}`),
        {
          timeout: 30_000,
        },
      )
      .toContain(`document.saved:${session.sessionId}`);
    // The receiver refuses the same delivery again (replay) and a tampered copy.
    expect((await (await request.post(`${DPI_ORIGIN}/test/webhooks/replay`)).json()).status).toBe(200);
    expect((await (await request.post(`${DPI_ORIGIN}/test/webhooks/tamper`)).json()).status).toBe(401);
    const refusals = (await dpiWebhooks(request, DPI_ORIGIN)).refused.map((refusal) => refusal.reason);
    expect(refusals).toEqual(expect.arrayContaining(["duplicate", "mismatch"]));

    // Close: saved + closed, "document fermé", the session.closed webhook.
    await dpi.button("Fermer").click();
    await expect.poll(() => dpi.eventNames()).toContain("closed");
    await expect(dpi.frame.getByTestId("embed-closed")).toContainText("Document fermé");
    await axe.expectNoSeriousViolations(page, "embedded editor closed");
    await expect
      .poll(
        async () => (await dpiWebhooks(request, DPI_ORIGIN)).accepted.map((hook) => `${hook.type}:${hook.sessionId}`),
        {
          timeout: 30_000,
        },
      )
      .toContain(`session.closed:${session.sessionId}`);

    // The PDF, through the public API, holds what was typed and inserted.
    const pdf = await request.get(`${DPI_ORIGIN}/api/documents/${session.documentId}/pdf`, { timeout: 90_000 });
    expect(pdf.status()).toBe(200);
    const text = await pdfText(await pdf.body());
    expect(text).toContain("DUPONT Jeanne");
    expect(text).toContain("Patient sortant en bon état général.");
    expect(text).toContain("Hémoglobine 13,2 g/dL");
    expect(text).toContain("Contrôle J+30");
    expect(text).not.toContain("TEXTE-PIRATE");

    // The launch URL again: refused, said in French, and told to the DPI.
    await dpi.openFrame(session.embedUrl);
    await expect(dpi.frame.getByTestId("embed-launch-error")).toContainText("déjà servi");
    await axe.expectNoSeriousViolations(page, "embed launch refused");
    await expect
      .poll(async () => (await dpi.events()).filter((event) => event.event === "error").map((event) => event.reason))
      .toContain("used");
  });

  test("only the registered vendor's origin may frame the embed pages", async ({ page, request }) => {
    const launch = await request.get(`${PORTAL_URL}/embed/v1/launch`);
    const frameAncestors = /frame-ancestors ([^;]*)/.exec(launch.headers()["content-security-policy"] ?? "")?.[1];
    expect(frameAncestors).toBe(DPI_ORIGIN);
    expect(launch.headers()["x-frame-options"]).toBeUndefined();
    const other = await request.get(`${PORTAL_URL}/api/health`);
    expect(other.headers()["x-frame-options"]).toBe("DENY");

    const created = await request.post(`${DPI_ORIGIN}/api/discharge-summaries`, { data: { mode: "edit" } });
    expect(created.status()).toBe(201);
    const session = (await created.json()) as DpiSession;
    await page.goto(`${UNREGISTERED_ORIGIN}/frame?src=${encodeURIComponent(session.embedUrl)}`);
    await expect(page.getByRole("heading", { name: "Page d'un site non enregistré" })).toBeVisible();
    const framed = page.frameLocator("#portal-frame");
    // Chromium shows its own error page in place of the portal's: nothing of the portal rendered.
    await expect
      .poll(
        () =>
          page
            .frames()
            .find((frame) => frame !== page.mainFrame())
            ?.url() ?? "",
        { timeout: 15_000 },
      )
      .toMatch(/^chrome-error:/);
    await expect(framed.getByText("Ouverture du document")).toHaveCount(0);
    // The one-time URL was never exchanged: the refused frame ran none of the portal's code.
    const view = await request.get(`${DPI_ORIGIN}/api/sessions/${session.sessionId}`);
    expect(((await view.json()) as { launchedAt: string | null }).launchedAt).toBeNull();

    // The same URL in the registered vendor's page opens the editor.
    const dpi = new DpiPage(page, DPI_ORIGIN);
    await dpi.open();
    await dpi.openFrame(session.embedUrl);
    await expect.poll(() => dpi.eventNames(), { timeout: 30_000 }).toContain("ready");
    await expect(dpi.editor()).toContainText("DUPONT Jeanne");

    // A view-mode session of that document is read-only: insertText is refused.
    await dpi.button("Consulter (lecture seule)").click();
    await expect
      .poll(async () => (await dpi.events()).find((event) => event.event === "ready")?.mode, { timeout: 30_000 })
      .toBe("view");
    await expect(dpi.frame.getByTestId("document-editor")).toHaveAttribute("data-editable", "false");
    await dpi.button("Insérer les résultats de biologie").click();
    await expect
      .poll(async () => (await dpi.events()).filter((event) => event.event === "error").map((event) => event.code))
      .toContain("read_only");
    await expect(dpi.editor()).not.toContainText("Hémoglobine");
  });
});
