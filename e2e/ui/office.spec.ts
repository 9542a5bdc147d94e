/**
 * Office documents in Chromium: a DOCX uploaded in Files opens in the editor page with the
 * OnlyOffice Document Server double (test/doubles/onlyoffice, started by the config), which
 * downloads the file through the portal as the real server does; an edit and close in the editor
 * (driven through the double's hooks) come back through the signed callback, and the new content
 * is in Files. "New document" creates a blank DOCX and opens it at once. An editor server that
 * does not answer shows a visible error; another user's file is not found.
 */
import type { Page } from "@playwright/test";
import { Document, Packer, Paragraph } from "docx";
import mammoth from "mammoth";
import { expect, storageStatePath, test } from "../fixtures";
import { FilesPage } from "../fixtures/files-page";
import { ONLYOFFICE_URL } from "../support/stack";

test.use({ storageState: storageStatePath("alice") });

function ownFolder(label: string): string {
  return `${label} ${test.info().testId.slice(0, 8)}-${test.info().retry}`;
}

async function docx(text: string): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

function editorFrame(page: Page) {
  return page.frameLocator('iframe[name="frameEditor"]');
}

async function uploadAndOpen(page: Page, label: string, name: string, text: string) {
  const files = new FilesPage(page);
  const folder = ownFolder(label);
  await files.goto();
  await files.createFolder(folder);
  await files.openFolder(folder);
  const buffer = await docx(text);
  await files.upload([
    { name, mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer },
  ]);
  await files.expectUploaded(name);
  await files.nameControl(name).click();
  await expect(page).toHaveURL(/\/office\/[0-9a-f-]{36}$/);
  return { folder, size: buffer.length };
}

test("opens a DOCX from Files in the editor; an edit saved by the Document Server lands in Files", async ({
  page,
  axe,
}) => {
  const name = "Lettre de liaison.docx";
  const { folder, size } = await uploadAndOpen(page, "Bureautique", name, "Texte d'origine");

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const frame = editorFrame(page);
  await expect(frame.getByRole("status")).toHaveText("Document ouvert");
  await expect(frame.locator("#title")).toHaveText(name);
  await expect(frame.locator("#size")).toHaveText(`${size} octets`);
  await expect(frame.locator("#mode")).toHaveText("edit");
  await axe.expectNoSeriousViolations(page, "office editor page");

  // The people in the editor change the document and close it: the Document Server posts status 2.
  const key = (await frame.locator("#key").textContent()) ?? "";
  expect(key).toMatch(/^[0-9a-zA-Z\-._=]{1,128}$/);
  const edited = await page.request.post(`${ONLYOFFICE_URL}/double/sessions/${key}/edit`, {
    data: { text: "Texte modifié dans l'éditeur" },
  });
  expect(edited.ok()).toBe(true);
  const closed = await page.request.post(`${ONLYOFFICE_URL}/double/sessions/${key}/close`);
  expect(await closed.json()).toEqual({ status: 200, body: { error: 0 } });

  const content = await page.request.get(`/api/files/content?path=${encodeURIComponent(`/${folder}/${name}`)}`);
  expect(content.ok()).toBe(true);
  const { value } = await mammoth.extractRawText({ buffer: await content.body() });
  expect(value.trim()).toBe("Texte modifié dans l'éditeur");

  // Back to Files: the file is there, with its new version.
  await page.getByRole("link", { name: "Retour aux fichiers" }).click();
  await expect(new FilesPage(page).row(name)).toBeVisible();
});

test("new document: creates a blank DOCX in the folder and opens it at once", async ({ page }) => {
  const files = new FilesPage(page);
  const folder = ownFolder("Nouveaux");
  await files.goto();
  await files.createFolder(folder);
  await files.openFolder(folder);
  await page.getByRole("button", { name: "Nouveau fichier bureautique" }).click();
  await page.getByRole("button", { name: "Nouveau document" }).click();
  await expect(page).toHaveURL(/\/office\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau document.docx" })).toBeVisible();
  await expect(editorFrame(page).locator("#title")).toHaveText("Nouveau document.docx");

  await page.getByRole("link", { name: "Retour aux fichiers" }).click();
  await expect(files.row("Nouveau document.docx")).toBeVisible();
});

test("an editor server that does not answer shows a visible error, and Try again recovers", async ({ page }) => {
  let blocked = true;
  await page.route(`${ONLYOFFICE_URL}/web-apps/apps/api/documents/api.js`, (route) =>
    blocked ? route.abort("connectionrefused") : route.continue(),
  );
  await uploadAndOpen(page, "Panne", "Compte rendu.docx", "Panne");
  const alert = page.getByRole("alert").filter({ hasText: "Le serveur d’édition ne répond pas" });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("link", { name: "Télécharger le fichier" })).toBeVisible();
  blocked = false;
  await alert.getByRole("button", { name: "Réessayer" }).click();
  await expect(editorFrame(page).locator("#title")).toHaveText("Compte rendu.docx");
});

test("another user's file id is not found, and the editor is never started", async ({ page, openContext }) => {
  await uploadAndOpen(page, "Privé", "Secret.docx", "Pour Alice seulement");
  const url = new URL(page.url());
  const chloe = await openContext({ storageState: storageStatePath("chloe") });
  const other = await chloe.newPage();
  const response = await other.goto(url.pathname);
  expect(response?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expect(other.locator('iframe[name="frameEditor"]')).toHaveCount(0);
});
