/**
 * Files (/files, /s/{token}, the dashboard's recent files) in Chromium against the demo stack with
 * local storage (FILES_ROOT: a fresh temporary folder per run, see playwright.config.ts).
 *
 * Each test works in a folder of its own, named after the test and its retry, so tests never see
 * one another's files. No sleeps: where a test needs a moment to look (an upload in progress), it
 * holds the request itself with page.route and lets it go once it has looked.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, storageStatePath, test } from "../fixtures";
import { FilesPage } from "../fixtures/files-page";
import { widget } from "../fixtures/pages";
import { PORTAL_URL } from "../support/stack";
import { readZip } from "../../test/support/read-zip";

test.use({ storageState: storageStatePath("alice") });

/** A folder name of this test's own (a retry gets a new one: the stack keeps the first try's files). */
function ownFolder(label: string): string {
  return `${label} ${test.info().testId.slice(0, 8)}-${test.info().retry}`;
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Presses Tab until a row of the file list has the focus (a bounded number of times). */
async function tabUntilRow(page: Page): Promise<void> {
  for (let presses = 0; presses < 30; presses += 1) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.getAttribute("role"))) === "row") return;
  }
}

async function setUpFolder(files: FilesPage, label: string): Promise<string> {
  const folder = ownFolder(label);
  await files.goto();
  await files.createFolder(folder);
  await files.openFolder(folder);
  return folder;
}

test("uploads a large file in chunks with visible progress, pauses and resumes where the server stands", async ({
  page,
  axe,
}) => {
  const files = new FilesPage(page);
  const folder = await setUpFolder(files, "Envois");
  // 25 MiB: at least three chunks whatever FILES_CHUNK_BYTES is (5 MiB in the tests, 10 MiB by default).
  // From a file on disk: Chromium reads it itself (a buffer would cross the protocol in base64).
  const content = randomBytes(25 * 1024 * 1024 + 12_345);
  const local = await mkdtemp(path.join(tmpdir(), "portal-e2e-large-"));
  const localFile = path.join(local, "imagerie.bin");
  await writeFile(localFile, content);

  // Every chunk request passes through here; the first try of the second chunk is held until the
  // test has seen the progress and paused, so the browser aborts it mid-flight.
  const offsets: number[] = [];
  let firstChunkBytes = 0;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/files\/uploads\/[^/?]+\?offset=\d+$/, async (route) => {
    const offset = Number(new URL(route.request().url()).searchParams.get("offset"));
    offsets.push(offset);
    if (offset === 0) firstChunkBytes = route.request().postDataBuffer()?.length ?? 0;
    if (offset > 0 && offsets.filter((seen) => seen === offset).length === 1 && offset === firstChunkBytes) {
      await released;
      await route.abort().catch(() => {}); // the paused browser has already given up on it
      return;
    }
    await route.continue();
  });

  await files.uploadInput.setInputFiles(localFile);
  const item = files.uploadItem("imagerie.bin");
  const bar = item.getByRole("progressbar", { name: "Envoi de imagerie.bin" });
  await expect(item).toHaveAttribute("data-upload-status", "uploading");
  // The first chunk is in, the second one is held: progress shows a value between 0 and the end.
  await expect.poll(() => offsets.length).toBeGreaterThanOrEqual(2);
  await expect.poll(async () => Number(await bar.getAttribute("value"))).toBeGreaterThanOrEqual(firstChunkBytes);
  const during = Number(await bar.getAttribute("value"));
  expect(during).toBeGreaterThan(0);
  expect(during).toBeLessThan(content.length);
  await expect(item.getByTestId("upload-state")).toHaveText(/^\d+\s%$/);
  expect(firstChunkBytes).toBeLessThan(content.length / 2);

  await item.getByRole("button", { name: "Mettre en pause l'envoi de imagerie.bin" }).click();
  await expect(item).toHaveAttribute("data-upload-status", "paused");
  await expect(item.getByTestId("upload-state")).toHaveText("En pause");
  release();
  await item.getByRole("button", { name: "Reprendre l'envoi de imagerie.bin" }).click();
  await files.expectUploaded("imagerie.bin");
  await expect(item.getByTestId("upload-state")).toHaveText("Terminé");
  expect(Number(await bar.getAttribute("value"))).toBe(content.length);

  // Resumed from the server's `received`: the first chunk went once, the second twice (held, then again).
  expect(offsets.filter((offset) => offset === 0)).toHaveLength(1);
  expect(offsets.filter((offset) => offset === firstChunkBytes)).toHaveLength(2);
  expect(offsets.length).toBeGreaterThanOrEqual(4);

  const stored = await page.request.get(`/api/files/content?path=${encodeURIComponent(`/${folder}/imagerie.bin`)}`);
  expect(stored.status()).toBe(200);
  expect(sha256(await stored.body())).toBe(sha256(content));
  await axe.expectNoSeriousViolations(page, "files after a chunked upload");
  await rm(local, { recursive: true, force: true });
});

test("a failed upload stays listed with its reason: retry resumes it, replace overwrites a taken name", async ({
  page,
}) => {
  const files = new FilesPage(page);
  const folder = await setUpFolder(files, "Reprises");
  const local = await mkdtemp(path.join(tmpdir(), "portal-e2e-retry-"));
  const content = randomBytes(11 * 1024 * 1024);
  const localFile = path.join(local, "scanner.bin");
  await writeFile(localFile, content);

  // The network drops the second chunk once.
  let cut = false;
  await page.route(/\/api\/files\/uploads\/[^/?]+\?offset=[1-9]\d*$/, async (route) => {
    if (cut) return route.continue();
    cut = true;
    return route.abort("connectionreset");
  });
  await files.uploadInput.setInputFiles(localFile);
  const item = files.uploadItem("scanner.bin");
  await expect(item).toHaveAttribute("data-upload-status", "error");
  await expect(item.getByRole("alert")).toHaveText(/connexion au portail a été interrompue/);
  await item.getByRole("button", { name: "Réessayer l'envoi de scanner.bin" }).click();
  await files.expectUploaded("scanner.bin");
  const stored = await page.request.get(`/api/files/content?path=${encodeURIComponent(`/${folder}/scanner.bin`)}`);
  expect(sha256(await stored.body())).toBe(sha256(content));
  await rm(local, { recursive: true, force: true });

  // The same name again: refused, kept in the list, replaced on request (the old content becomes a version).
  await files.upload([{ name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("première\n") }]);
  await files.expectUploaded("note.txt");
  await files.upload([{ name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("seconde\n") }]);
  const again = files.uploadPanel.locator('[data-upload-status="error"]').filter({ hasText: "note.txt" });
  await expect(again.getByRole("alert")).toHaveText(/porte déjà ce nom/);
  await again.getByRole("button", { name: "Remplacer le fichier existant note.txt" }).click();
  await expect(files.uploadPanel.locator('[data-upload-status="done"]').filter({ hasText: "note.txt" })).toHaveCount(2);
  const notePath = `/api/files/content?path=${encodeURIComponent(`/${folder}/note.txt`)}`;
  expect(await (await page.request.get(notePath)).text()).toBe("seconde\n");

  // The replaced content was kept as a version, and comes back.
  await files.rowAction("note.txt", "Versions");
  const versions = page.getByTestId("versions-dialog");
  const earlier = versions.getByRole("list", { name: "Versions antérieures" }).getByRole("listitem");
  await expect(earlier).toHaveCount(1);
  await earlier.getByRole("button", { name: /^Restaurer la version du/ }).click();
  await expect(versions).toBeHidden();
  await expect(files.toast).toContainText(/^Version du .* restaurée\.$/);
  expect(await (await page.request.get(notePath)).text()).toBe("première\n");
});

test("uploads a whole folder, subfolders first, and files dropped on the list", async ({ page }) => {
  const files = new FilesPage(page);
  await setUpFolder(files, "Dossiers");
  const local = await mkdtemp(path.join(tmpdir(), "portal-e2e-upload-"));
  try {
    const root = path.join(local, "Service");
    await mkdir(path.join(root, "Comptes rendus"), { recursive: true });
    await writeFile(path.join(root, "planning.txt"), "planning de garde\n");
    await writeFile(path.join(root, "Comptes rendus", "cr-1.txt"), "compte rendu 1\n");
    await files.folderUploadInput.setInputFiles(root);
    await expect(files.uploadItem("planning.txt")).toHaveAttribute("data-upload-status", "done");
    await expect(files.uploadItem("cr-1.txt")).toHaveAttribute("data-upload-status", "done");
    // A folder downloads as one zip, streamed by the portal.
    await files.row("Service").getByRole("checkbox").check();
    const [zip] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole("toolbar", { name: "Actions sur la sélection" })
        .getByRole("button", { name: "Télécharger" })
        .click(),
    ]);
    expect(zip.suggestedFilename()).toBe("Service.zip");
    const archive = readZip(await readFile(await zip.path()));
    const planning = archive.find((entry) => entry.name.endsWith("planning.txt"));
    expect(planning?.data.toString("utf8")).toBe("planning de garde\n");
    expect(archive.some((entry) => entry.name.endsWith("Comptes rendus/cr-1.txt"))).toBe(true);

    await files.openFolder("Service");
    await expect(files.row("planning.txt")).toBeVisible();
    await files.openFolder("Comptes rendus");
    await expect(files.row("cr-1.txt")).toBeVisible();
  } finally {
    await rm(local, { recursive: true, force: true });
  }

  // A drop of plain files (what a synthetic DataTransfer can hold: no folder entries).
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["glissé-déposé\n"], "glisse.txt", { type: "text/plain" }));
    return transfer;
  });
  const dropZone = page.getByTestId("files-drop-zone");
  await dropZone.dispatchEvent("dragenter", { dataTransfer });
  await expect(dropZone.getByText(/Déposez ici pour envoyer dans/)).toBeVisible();
  await dropZone.dispatchEvent("drop", { dataTransfer });
  await files.expectUploaded("glisse.txt");
});

test("renames, moves, and shares a file with a password that a fresh browser opens and downloads", async ({
  page,
  openContext,
  axe,
}) => {
  const files = new FilesPage(page);
  const folder = await setUpFolder(files, "Partage");
  await files.createFolder("Archives");
  const text = `Compte rendu de ${folder}\n`;
  await files.upload([{ name: "brouillon.txt", mimeType: "text/plain", buffer: Buffer.from(text) }]);
  await files.expectUploaded("brouillon.txt");

  await files.rowAction("brouillon.txt", "Renommer");
  await files.dialog.getByLabel("Nouveau nom").fill("compte-rendu.txt");
  await files.dialog.getByRole("button", { name: "Renommer" }).click();
  await expect(files.row("compte-rendu.txt")).toBeVisible();
  await expect(files.row("brouillon.txt")).toHaveCount(0);

  await files.row("compte-rendu.txt").getByRole("checkbox").check();
  await page
    .getByRole("toolbar", { name: "Actions sur la sélection" })
    .getByRole("button", { name: "Déplacer" })
    .click();
  const move = page.getByTestId("move-dialog");
  await move.getByRole("button", { name: "Ouvrir le dossier Archives" }).click();
  await expect(move.getByText(/^Dossier de destination\s:\sArchives$/)).toBeVisible();
  await axe.expectNoSeriousViolations(page, "move dialog");
  await move.getByRole("button", { name: "Déplacer ici" }).click();
  await expect(move).toBeHidden();
  await expect(files.toast).toContainText("a été déplacé");
  await expect(files.row("compte-rendu.txt")).toHaveCount(0);
  await files.openFolder("Archives");
  await expect(files.row("compte-rendu.txt")).toBeVisible();

  await files.rowAction("compte-rendu.txt", "Partager");
  const share = page.getByTestId("share-dialog");
  const password = `mdp-${randomUUID()}`;
  await share.getByLabel("Mot de passe (facultatif)").fill(password);
  await share.getByRole("button", { name: "Créer le lien" }).click();
  const linkField = share.getByLabel("Adresse du lien");
  await expect(linkField).toHaveValue(/\/s\/[A-Za-z0-9_-]+$/);
  const link = await linkField.inputValue();
  expect(link.startsWith(`${PORTAL_URL}/s/`)).toBe(true);
  await expect(share.getByText(/protégé par mot de passe/)).toBeVisible();
  await axe.expectNoSeriousViolations(page, "share dialog");
  await page.keyboard.press("Escape");
  await expect(share).toBeHidden();

  // A stranger's browser: no session, only the link and the password.
  const stranger = await (await openContext({ acceptDownloads: true })).newPage();
  await stranger.goto(link);
  const main = stranger.getByRole("main");
  await expect(main.getByRole("heading", { name: "Ce lien est protégé par un mot de passe" })).toBeVisible();
  await expect(stranger).toHaveURL(link);
  await axe.expectNoSeriousViolations(stranger, "public share: password");
  await main.getByLabel("Mot de passe").fill("pas le bon");
  await main.getByRole("button", { name: "Ouvrir" }).click();
  await expect(main.getByRole("alert")).toHaveText("Mot de passe incorrect.");
  await main.getByLabel("Mot de passe").fill(password);
  await main.getByRole("button", { name: "Ouvrir" }).click();
  await expect(main.getByRole("heading", { name: "compte-rendu.txt" })).toBeVisible();
  // Nothing of the owner's workspace: no header menus, no folder names.
  await expect(stranger.getByTestId("user-menu-toggle")).toHaveCount(0);
  await expect(stranger.getByText(folder)).toHaveCount(0);
  await axe.expectNoSeriousViolations(stranger, "public share: file");
  const [download] = await Promise.all([
    stranger.waitForEvent("download"),
    main.getByRole("link", { name: "Télécharger" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("compte-rendu.txt");
  expect((await readFile(await download.path())).toString("utf8")).toBe(text);

  // Revoked: the same link now answers like an unknown one.
  await files.rowAction("compte-rendu.txt", "Partager");
  await share.getByRole("button", { name: /^Supprimer le lien créé le/ }).click();
  await expect(share.getByText("Aucun lien public pour cet élément.")).toBeVisible();
  await stranger.reload();
  await expect(main.getByRole("alert")).toHaveText("Ce lien n'existe pas ou n'est plus valide.");
});

test("deletes with an undo toast, and restores from the trash", async ({ page, axe }) => {
  const files = new FilesPage(page);
  const folder = await setUpFolder(files, "Corbeille");
  const name = `note ${folder}.txt`;
  await files.upload([{ name, mimeType: "text/plain", buffer: Buffer.from("à restaurer\n") }]);
  await files.expectUploaded(name);

  await files.rowAction(name, "Supprimer");
  await expect(files.dialog).toContainText("Les éléments supprimés vont dans la corbeille");
  await files.dialog.getByRole("button", { name: "Supprimer" }).click();
  await expect(files.toast).toContainText("a été placé dans la corbeille");
  await expect(files.row(name)).toHaveCount(0);
  await files.toast.getByRole("button", { name: "Annuler" }).click();
  await expect(files.toast).toContainText("a été restauré");
  await expect(files.row(name)).toBeVisible();

  await files.rowAction(name, "Supprimer");
  await files.dialog.getByRole("button", { name: "Supprimer" }).click();
  await expect(files.row(name)).toHaveCount(0);
  await page.getByRole("navigation", { name: "Vues des fichiers" }).getByRole("link", { name: "Corbeille" }).click();
  const trashed = page
    .getByRole("list", { name: "Éléments de la corbeille" })
    .getByRole("listitem")
    .filter({ hasText: name });
  await expect(trashed).toBeVisible();
  await axe.expectNoSeriousViolations(page, "trash");
  await trashed.getByRole("button", { name: `Restaurer ${name}` }).click();
  await expect(files.toast).toContainText("a été restauré");
  await expect(trashed).toHaveCount(0);
  await files.goto(`/${folder}`);
  await expect(files.row(name)).toBeVisible();
});

test("works from the keyboard alone", async ({ page }) => {
  const files = new FilesPage(page);
  const folder = await setUpFolder(files, "Clavier");
  await files.createFolder("Sous-dossier");
  await files.upload([
    { name: "deux.txt", mimeType: "text/plain", buffer: Buffer.from("2\n") },
    { name: "un.txt", mimeType: "text/plain", buffer: Buffer.from("1\n") },
  ]);
  await files.expectUploaded("un.txt");
  await files.expectUploaded("deux.txt");
  await files.goto(`/${folder}`);

  // Tab into the list: one tab stop, on its first row (folders first).
  await page.getByRole("searchbox", { name: "Rechercher dans mes fichiers" }).focus();
  await tabUntilRow(page);
  await expect(files.row("Sous-dossier")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(files.row("deux.txt")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(files.row("deux.txt")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("toolbar", { name: "Actions sur la sélection" })).toContainText("1 élément sélectionné");

  // F2 renames: the name without its extension is selected, typing replaces it.
  await page.keyboard.press("F2");
  await expect(files.dialog.getByLabel("Nouveau nom")).toBeFocused();
  await page.keyboard.type("deux-bis");
  await page.keyboard.press("Enter");
  await expect(files.row("deux-bis.txt")).toBeVisible();
  await expect(files.row("deux-bis.txt")).toBeFocused();

  // Shift+F10 opens the row's actions; Escape gives focus back to the row.
  await page.keyboard.press("ArrowDown");
  await expect(files.row("un.txt")).toBeFocused();
  await page.keyboard.press("Shift+F10");
  await expect(page.getByRole("menu", { name: "Actions pour un.txt" }).getByRole("menuitem").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(files.row("un.txt")).toBeFocused();

  // Delete asks first, with the safe choice focused.
  await page.keyboard.press("Delete");
  await expect(files.dialog.getByRole("button", { name: "Annuler" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(files.dialog.getByRole("button", { name: "Supprimer" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(files.toast).toContainText("a été placé dans la corbeille");
  await expect(files.row("un.txt")).toHaveCount(0);

  // Enter opens a folder.
  await files.row("Sous-dossier").focus();
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("navigation", { name: "Emplacement" }).getByRole("link", { name: "Sous-dossier" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Ce dossier est vide.", { exact: false })).toBeVisible();
});

test("is usable on a 390 px phone", async ({ page, axe }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const files = new FilesPage(page);
  await setUpFolder(files, "Téléphone");
  const longName = "Compte rendu d'hospitalisation du service de cardiologie interventionnelle.txt";
  await files.upload([{ name: longName, mimeType: "text/plain", buffer: Buffer.from("cr\n") }]);
  await files.expectUploaded(longName);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  // Columns collapse: size and date move under the name; actions are in the row's menu.
  await expect(page.getByRole("columnheader", { name: "Taille" })).toBeHidden();
  await files.rowAction(longName, "Aperçu");
  const preview = page.getByTestId("preview-dialog");
  await expect(preview.locator("pre")).toHaveText("cr");
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await axe.expectNoSeriousViolations(page, "text preview at 390 px");
  await page.keyboard.press("Escape");
  await expect(preview).toBeHidden();
  await axe.expectNoSeriousViolations(page, "files at 390 px");

  // The grid of tiles, remembered across reloads.
  await page.getByRole("group", { name: "Affichage" }).getByRole("button", { name: "Grille" }).click();
  await expect(files.grid).toHaveAttribute("data-layout", "grid");
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await axe.expectNoSeriousViolations(page, "files as a grid at 390 px");
  await page.reload();
  await expect(files.grid).toHaveAttribute("data-layout", "grid");
  await page.getByRole("group", { name: "Affichage" }).getByRole("button", { name: "Liste" }).click();
  await expect(files.grid).toHaveAttribute("data-layout", "list");
});

test("the dashboard lists recent files, each linking to its folder", async ({ page, axe }) => {
  const files = new FilesPage(page);
  const folder = await setUpFolder(files, "Récents");
  const name = `récent ${folder}.txt`;
  await files.upload([{ name, mimeType: "text/plain", buffer: Buffer.from("récent\n") }]);
  await files.expectUploaded(name);

  await page.goto("/");
  const recent = widget(page, "files");
  await expect(recent.getByRole("heading", { name: "Fichiers récents" })).toBeVisible();
  const link = recent.getByRole("list", { name: "Fichiers modifiés récemment" }).getByRole("link", { name });
  await expect(link).toHaveAttribute("href", `/files?path=${encodeURIComponent(`/${folder}`)}`);
  await axe.expectNoSeriousViolations(page, "dashboard with recent files");
  await link.click();
  await expect(files.row(name)).toBeVisible();
});
