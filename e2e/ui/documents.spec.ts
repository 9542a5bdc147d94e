/**
 * Documents (issue 4): real-time co-editing in two browsers (alice and chloe) through the portal's
 * collaboration server — each sees the other's text and caret; a reader cannot type; comments
 * anchored to text with a reply and resolve; named version and restore; a document from a template
 * whose field values are inserted as text; the HTTP fallback when WebSockets are refused; a share
 * removed while the other person edits (their editor stops and says why).
 */
import type { BrowserContext, Page } from "@playwright/test";
import { ACCOUNTS, expect, storageStatePath, test } from "../fixtures";
import { apiFromPage, connectionState, createDocument, editorArea, shareWith } from "../fixtures/documents";

test.use({ storageState: storageStatePath("alice") });

async function openAsChloe(openContext: (o?: object) => Promise<BrowserContext>): Promise<Page> {
  const context = await openContext({ storageState: storageStatePath("chloe") });
  return context.newPage();
}

async function openDocument(page: Page, documentId: string): Promise<void> {
  await page.goto(`/documents/${documentId}`);
  await expect(connectionState(page)).toHaveAttribute("data-state", /^(connected|http)$/, { timeout: 20_000 });
}

/** Makes sure chloe exists in the portal's users (she signs in once per run in the setup). */
async function ensureChloeKnown(chloe: Page): Promise<void> {
  await chloe.goto("/documents");
}

test.describe("documents", () => {
  test("the list shows the document, and the page passes axe", async ({ page, axe }) => {
    const title = `Liste ${test.info().testId}`;
    await page.goto("/documents");
    await createDocument(page, title);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
    await expect(page.getByRole("tab", { name: "Mes documents" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await axe.expectNoSeriousViolations(page, "document list");
  });

  test("two people type in one document and see each other's text and carets", async ({ page, openContext, axe }) => {
    const chloe = await openAsChloe(openContext);
    await ensureChloeKnown(chloe);
    await page.goto("/documents");
    const id = await createDocument(page, `Co-édition ${test.info().testId}`);
    await shareWith(page, id, "Chloé", "editor");

    await openDocument(page, id);
    await openDocument(chloe, id);
    await expect(editorArea(page)).toHaveAttribute("contenteditable", "true");

    await editorArea(page).click();
    await page.keyboard.type("Bonjour de la part d'Alice.");
    await expect(editorArea(chloe)).toContainText("Bonjour de la part d'Alice.");

    await editorArea(chloe).click();
    await chloe.keyboard.press("Control+End");
    await chloe.keyboard.press("Enter");
    await chloe.keyboard.type("Réponse de Chloé.");
    await expect(editorArea(page)).toContainText("Réponse de Chloé.");

    // Each sees the other's caret with their name, and the list of who is there.
    await expect(page.locator(".collaboration-carets__label", { hasText: ACCOUNTS.chloe.displayName })).toBeVisible();
    await expect(chloe.locator(".collaboration-carets__label", { hasText: ACCOUNTS.alice.displayName })).toBeVisible();
    await expect(page.getByTestId("presence")).toContainText(ACCOUNTS.chloe.displayName);
    await expect(page.getByTestId("word-count")).toContainText("mots");
    await axe.expectNoSeriousViolations(page, "document editor");
  });

  test("when the owner removes the share, the other person's editor stops and says why", async ({
    page,
    openContext,
  }) => {
    const chloe = await openAsChloe(openContext);
    await ensureChloeKnown(chloe);
    await page.goto("/documents");
    const id = await createDocument(page, `Retrait ${test.info().testId}`);
    await shareWith(page, id, "Chloé", "editor");
    await openDocument(chloe, id);
    await expect(editorArea(chloe)).toHaveAttribute("contenteditable", "true");

    const { people } = await apiFromPage<{ people: Array<{ userId: string; displayName: string }> }>(
      page,
      `/api/documents/people?q=${encodeURIComponent("Chloé")}`,
    );
    const chloeId = people.find((person) => person.displayName.includes("Chloé"))?.userId;
    expect(chloeId).toBeTruthy();
    await apiFromPage(page, `/api/documents/${id}/members/${chloeId}`, { method: "DELETE" });

    const refusal = chloe.getByTestId("connection-refusal");
    await expect(refusal).toHaveAttribute("data-reason", "access-revoked");
    await expect(refusal).toHaveText("Votre accès à ce document a été retiré : la modification n'est plus possible.");
    await expect(connectionState(chloe)).toHaveAttribute("data-state", "refused");
    await expect(editorArea(chloe)).toHaveAttribute("contenteditable", "false");
  });

  test("a reader cannot type", async ({ page, openContext }) => {
    const chloe = await openAsChloe(openContext);
    await ensureChloeKnown(chloe);
    await page.goto("/documents");
    const id = await createDocument(page, `Lecture ${test.info().testId}`);
    await shareWith(page, id, "Chloé", "reader");
    await openDocument(page, id);
    await editorArea(page).click();
    await page.keyboard.type("Texte d'Alice");

    await openDocument(chloe, id);
    await expect(editorArea(chloe)).toContainText("Texte d'Alice");
    await expect(chloe.getByText("Lecture seule")).toBeVisible();
    await expect(editorArea(chloe)).toHaveAttribute("contenteditable", "false");
    await editorArea(chloe).click();
    await chloe.keyboard.type("intrusion");
    await expect(editorArea(chloe)).not.toContainText("intrusion");
    await expect(editorArea(page)).not.toContainText("intrusion");
    await expect(
      chloe.getByRole("toolbar", { name: "Mise en forme" }).getByRole("button", { name: "Gras" }),
    ).toHaveCount(0);
  });

  test("comments: a commenter comments on text, the owner replies and resolves", async ({ page, openContext }) => {
    const chloe = await openAsChloe(openContext);
    await ensureChloeKnown(chloe);
    await page.goto("/documents");
    const id = await createDocument(page, `Commentaires ${test.info().testId}`);
    await shareWith(page, id, "Chloé", "commenter");
    await openDocument(page, id);
    await editorArea(page).click();
    await page.keyboard.type("Posologie à vérifier");

    await openDocument(chloe, id);
    await expect(editorArea(chloe)).toContainText("Posologie à vérifier");
    await expect(editorArea(chloe)).toHaveAttribute("contenteditable", "false");
    // Select the word "Posologie" in chloe's (read-only) view and comment on it.
    await editorArea(chloe)
      .getByText("Posologie à vérifier")
      .evaluate((element) => {
        const text = element.firstChild ?? element;
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, "Posologie".length);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      });
    await chloe.getByRole("button", { name: "Commenter la sélection" }).click();
    await chloe.getByPlaceholder("Nouveau commentaire").fill("Dose en mg/kg ?");
    await chloe.getByRole("button", { name: "Commenter", exact: true }).click();

    const thread = page.getByTestId("comment-thread").filter({ hasText: "Dose en mg/kg ?" });
    await expect(thread).toBeVisible();
    await expect(thread.locator("blockquote")).toHaveText("Posologie");
    await expect(page.locator(".comment-highlight")).toHaveText("Posologie");
    // The text itself did not change (a decoration, not a mark).
    await expect(editorArea(page)).toHaveText("Posologie à vérifier");

    await thread.getByPlaceholder("Répondre").fill("Oui, 10 mg/kg.");
    await thread.getByRole("button", { name: "Répondre" }).click();
    const chloeThread = chloe.getByTestId("comment-thread").filter({ hasText: "Dose en mg/kg ?" });
    await expect(chloeThread).toContainText("Oui, 10 mg/kg.");

    await thread.getByRole("button", { name: "Résoudre" }).click();
    await expect(chloeThread).toBeHidden();
    await expect(page.locator(".comment-highlight")).toHaveCount(0);
  });

  test("a named version is restored for everyone", async ({ page, openContext }) => {
    const chloe = await openAsChloe(openContext);
    await ensureChloeKnown(chloe);
    await page.goto("/documents");
    const id = await createDocument(page, `Versions ${test.info().testId}`);
    await shareWith(page, id, "Chloé", "editor");
    await openDocument(page, id);
    await editorArea(page).click();
    await page.keyboard.type("Première rédaction");

    await page.getByRole("tab", { name: "Historique" }).click();
    await page.getByPlaceholder("Nom de la version").fill("Avant relecture");
    await page.getByRole("button", { name: "Enregistrer une version" }).click();
    const version = page.getByTestId("version").filter({ hasText: "Avant relecture" });
    await expect(version).toBeVisible();

    await editorArea(page).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" puis corrections");
    await openDocument(chloe, id);
    await expect(editorArea(chloe)).toContainText("puis corrections");

    await version.getByRole("button", { name: "Voir" }).click();
    await expect(page.getByTestId("version-preview")).toContainText("Première rédaction");
    await expect(page.getByTestId("version-preview")).not.toContainText("corrections");

    await version.getByRole("button", { name: "Restaurer cette version" }).click();
    await expect(editorArea(page)).toHaveText("Première rédaction");
    await expect(editorArea(chloe)).toHaveText("Première rédaction");
  });

  test("a document from a template has the field values as text", async ({ page, axe }) => {
    await page.goto("/documents");
    await page.getByRole("button", { name: "Nouveau document" }).click();
    const dialog = page.getByRole("dialog", { name: "Nouveau document" });
    await dialog.getByLabel("Modèle").selectOption({ label: "Compte rendu d'hospitalisation" });
    await dialog.getByLabel(/Patient/).fill("DUPONT Jean <script>alert(1)</script>");
    await dialog.getByLabel(/Date d'entrée/).fill("2026-03-02");
    await dialog.getByLabel(/Date de sortie/).fill("2026-03-09");
    await dialog.getByLabel(/^Service/).fill("Cardiologie");
    await dialog.getByLabel(/Médecin responsable/).fill("Dr Martin");
    await dialog.getByLabel(/Synthèse du séjour/).fill("Évolution favorable.\nSortie à domicile.");
    await axe.expectNoSeriousViolations(page, "new document dialog");
    await dialog.getByRole("button", { name: "Créer" }).click();

    await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
    await expect(connectionState(page)).toHaveAttribute("data-state", /^(connected|http)$/, { timeout: 20_000 });
    const content = editorArea(page);
    await expect(content.getByRole("heading", { level: 1 })).toHaveText("Compte rendu d'hospitalisation");
    await expect(content).toContainText("DUPONT Jean <script>alert(1)</script>");
    await expect(content).toContainText("02/03/2026");
    await expect(content).toContainText("Cardiologie");
    await expect(content.locator("script")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 }).first()).toContainText("DUPONT Jean");
  });

  test("with WebSockets refused, edits go over the HTTP fallback and the indicator says so", async ({
    page,
    openContext,
  }) => {
    const chloeContext = await openContext({ storageState: storageStatePath("chloe") });
    // A network that refuses WebSockets: every upgrade to the collaboration endpoint is closed.
    await chloeContext.routeWebSocket(/\/collab\//, (socket) => {
      void socket.close({ code: 1008, reason: "websockets blocked" });
    });
    const chloe = await chloeContext.newPage();
    await ensureChloeKnown(chloe);
    await page.goto("/documents");
    const id = await createDocument(page, `Repli HTTP ${test.info().testId}`);
    await shareWith(page, id, "Chloé", "editor");

    await openDocument(page, id);
    await chloe.goto(`/documents/${id}`);
    await expect(connectionState(chloe)).toHaveAttribute("data-state", "http", { timeout: 30_000 });
    await expect(connectionState(chloe)).toContainText("HTTP");

    await editorArea(page).click();
    await page.keyboard.type("Envoyé par WebSocket.");
    await expect(editorArea(chloe)).toContainText("Envoyé par WebSocket.");

    await editorArea(chloe).click();
    await chloe.keyboard.press("Control+End");
    await chloe.keyboard.type(" Reçu et renvoyé par HTTP.");
    await expect(editorArea(page)).toContainText("Reçu et renvoyé par HTTP.");
  });

  test("someone without access gets not found, and the API does not tell documents apart", async ({
    page,
    openContext,
  }) => {
    const chloe = await openAsChloe(openContext);
    await ensureChloeKnown(chloe);
    await page.goto("/documents");
    const id = await createDocument(page, `Privé ${test.info().testId}`);
    const response = await chloe.goto(`/documents/${id}`);
    expect(response?.status()).toBe(404);
    const probe = async (documentId: string) =>
      chloe.evaluate(async (url) => (await fetch(url)).status, `/api/documents/${documentId}`);
    expect(await probe(id)).toBe(404);
    expect(await probe("00000000-0000-4000-8000-000000000000")).toBe(404);
    expect(await probe("not-a-uuid")).toBe(400);
    await expect(apiFromPage(chloe, `/api/documents/${id}`, { method: "DELETE" })).rejects.toThrow(/HTTP 404/);
  });
});

test.describe("sharing from the list", () => {
  test("people picker and share link, at phone width", async ({ page, openContext, axe }) => {
    const chloe = await openAsChloe(openContext);
    await ensureChloeKnown(chloe);
    await page.setViewportSize({ width: 390, height: 844 });
    const title = `Partage ${test.info().testId}`;
    await page.goto("/documents");
    await createDocument(page, title);
    await page.reload();

    await page
      .getByRole("group", { name: `Actions pour « ${title} »` })
      .getByRole("button", { name: "Partager" })
      .click();
    const dialog = page.getByRole("dialog", { name: `Partager « ${title} »` });
    await dialog.getByPlaceholder("Ajouter une personne (nom ou adresse e-mail)").fill("Chlo");
    await dialog.getByRole("button", { name: `Ajouter ${ACCOUNTS.chloe.displayName}` }).click();
    await expect(dialog.getByRole("combobox", { name: `Rôle de ${ACCOUNTS.chloe.displayName}` })).toHaveValue("editor");
    await dialog.getByRole("combobox", { name: `Rôle de ${ACCOUNTS.chloe.displayName}` }).selectOption("reader");

    await dialog.getByLabel("Rôle donné par le lien").selectOption("commenter");
    await dialog.getByRole("button", { name: "Créer un lien" }).click();
    const linkField = dialog.getByRole("textbox", { name: "Copier le lien" });
    await expect(linkField).toHaveValue(/\/documents\/link#[A-Za-z0-9_-]{32}$/);
    await axe.expectNoSeriousViolations(page, "share dialog (390 px)");
    const link = await linkField.inputValue();

    // Chloé is a reader; the link grants commenter: opening it raises her to commenter.
    await chloe.goto(link);
    await expect(chloe).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
    await expect(chloe.getByText("Vous pouvez commenter ce document")).toBeVisible();
    await expect(chloe.getByRole("button", { name: "Commenter la sélection" })).toBeVisible();

    // Revoked, the link opens nothing any more (not even in another of alice's own browsers).
    await dialog.getByRole("button", { name: "Révoquer" }).click();
    await expect(dialog.getByText("Aucun lien actif.")).toBeVisible();
    const laterVisit = await (await openContext({ storageState: storageStatePath("alice") })).newPage();
    await laterVisit.goto(link);
    await expect(laterVisit.getByRole("alert").filter({ hasText: "n'est plus valide" })).toBeVisible();
  });
});
