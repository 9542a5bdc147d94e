/**
 * Documents (issue 4), the list and images: rename a document from the list, delete it and bring
 * it back with Undo, and insert an image through the editor's toolbar — shown at once, still there
 * after a reload, and served by the portal (the bytes come back from its own image route).
 */
import type { Page } from "@playwright/test";
import { expect, storageStatePath, test } from "../fixtures";
import { connectionState, createDocument, editorArea } from "../fixtures/documents";

test.use({ storageState: storageStatePath("alice") });

function rowActions(page: Page, title: string) {
  return page.getByRole("group", { name: `Actions pour « ${title} »` });
}

test.describe("documents: list and images", () => {
  test("renames a document from the list", async ({ page, axe }) => {
    const title = `À renommer ${test.info().testId}`;
    const renamed = `Protocole de soins ${test.info().testId}`;
    await page.goto("/documents");
    await createDocument(page, title);
    await page.reload();
    await rowActions(page, title).getByRole("button", { name: "Renommer" }).click();
    const dialog = page.getByRole("dialog", { name: "Renommer le document" });
    await expect(dialog).toBeVisible();
    await axe.expectNoSeriousViolations(page, "rename dialog");
    await dialog.getByLabel("Titre").fill(renamed);
    await dialog.getByRole("button", { name: "Renommer" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("link", { name: renamed })).toBeVisible();
    await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
    // Stored, not only shown.
    await page.reload();
    await expect(page.getByRole("link", { name: renamed })).toBeVisible();
    await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  });

  test("deletes a document, and Undo brings it back", async ({ page }) => {
    const title = `À supprimer ${test.info().testId}`;
    await page.goto("/documents");
    const id = await createDocument(page, title);
    await page.reload();
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await rowActions(page, title).getByRole("button", { name: "Supprimer" }).click();

    const notice = page.getByRole("status").filter({ hasText: `« ${title} » a été supprimé.` });
    await expect(notice).toBeVisible();
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
    // Deleted for the server too: the document page no longer opens.
    const gone = await page.request.get(`/api/documents/${id}`);
    expect(gone.status()).toBe(404);

    await notice.getByRole("button", { name: "Annuler" }).click();
    await expect(page.getByRole("status")).toContainText(`« ${title} » a été restauré.`);
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    expect((await page.request.get(`/api/documents/${id}`)).status()).toBe(200);
  });

  test("inserts an image from the toolbar: shown, kept after a reload, served by the portal", async ({ page, axe }) => {
    await page.goto("/documents");
    const id = await createDocument(page, `Image ${test.info().testId}`);
    await page.goto(`/documents/${id}`);
    await expect(connectionState(page)).toHaveAttribute("data-state", /^(connected|http)$/, { timeout: 20_000 });
    await editorArea(page).click();
    await page.keyboard.type("Schéma de la plaie :");

    // A real PNG: a capture of part of this page.
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 } });
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("toolbar", { name: "Mise en forme" }).getByRole("button", { name: "Image" }).click();
    await (await chooser).setFiles({ name: "schema-plaie.png", mimeType: "image/png", buffer: png });

    const image = editorArea(page).locator("img");
    await expect(image).toHaveCount(1);
    await expect(image).toHaveAttribute("alt", "schema-plaie.png");
    const src = await image.getAttribute("src");
    expect(src).toMatch(new RegExp(`^/api/document-images/${id}/`));
    // Decoded by the browser, at its real size.
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(64);
    await axe.expectNoSeriousViolations(page, "editor with an image");

    // Acknowledged means stored: after a reload the image is still in the document.
    await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", /^(connected|http)$/);
    await page.reload();
    await expect(connectionState(page)).toHaveAttribute("data-state", /^(connected|http)$/, { timeout: 20_000 });
    const reloaded = editorArea(page).locator("img");
    await expect(reloaded).toHaveAttribute("src", src ?? "");
    await expect.poll(() => reloaded.evaluate((element: HTMLImageElement) => element.naturalHeight)).toBe(48);
    await expect(editorArea(page)).toContainText("Schéma de la plaie :");

    // The portal serves the very bytes that were uploaded.
    const served = await page.request.get(src ?? "");
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toContain("image/png");
    expect(Buffer.compare(await served.body(), png)).toBe(0);
  });
});
