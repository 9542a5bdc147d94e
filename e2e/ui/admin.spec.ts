/**
 * The administration page: Chloé (administratrice) sees every backend's state, reads and filters
 * the audit log, verifies its hash chain, exports it as CSV, finds Bruno and ends his sessions —
 * Bruno's browser is signed out at its next request. Alice (médecin) finds the page and its API
 * closed, and no "Administration" entry in her launcher.
 *
 * Bruno only ever signs in fresh through Pro Santé Connect (fixtures/accounts.ts), so ending his
 * sessions here undoes no other spec's state.
 */
import { readFile } from "node:fs/promises";
import { ACCOUNTS, expect, storageStatePath, test } from "../fixtures";
import { PortalSignInPage, Shell } from "../fixtures/pages";
import { signIn } from "../fixtures/sign-in";

test.describe("as chloe (administratrice)", () => {
  test.use({ storageState: storageStatePath("chloe") });

  test("reads and verifies the audit log, exports it, and ends a person's sessions", async ({
    page,
    shell,
    openContext,
    axe,
  }) => {
    const brunoContext = await openContext();
    const brunoPage = await brunoContext.newPage();
    await signIn(brunoPage, { account: ACCOUNTS.bruno, provider: "psc" });
    await new Shell(brunoPage).expectSignedInAs(ACCOUNTS.bruno.displayName);

    await page.goto("/");
    await shell.launcherToggle.click();
    await shell.launcherNav.getByRole("link", { name: "Administration" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
    await expect(page.getByTestId("service-database")).toContainText("Disponible");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    await axe.expectNoSeriousViolations(page, "admin");

    // Filter on sign-ins: every row shown is one.
    const filters = page.getByRole("form", { name: "Filtres" });
    await filters.getByLabel("Action").selectOption("auth.sign_in");
    await filters.getByRole("button", { name: "Filtrer" }).click();
    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasNotText: "auth.sign_in" })).toHaveCount(0);

    await filters.getByRole("button", { name: "Vérifier l'intégrité du journal" }).click();
    await expect(page.getByTestId("audit-verdict")).toContainText("Journal intègre");

    const download = page.waitForEvent("download");
    await filters.getByRole("link", { name: "Exporter en CSV" }).click();
    const file = await (await download).path();
    const csv = await readFile(file, "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("seq,at,action,outcome,actor_user_id,actor_name,target_type,target_id,ip,user_agent,details");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.split(",")[2] === "auth.sign_in")).toBe(true);

    // Bruno's sessions, ended from here.
    await page.getByLabel("Rechercher par nom, adresse e-mail ou RPPS").fill("Bruno");
    const bruno = page.getByTestId("admin-person").filter({ hasText: ACCOUNTS.bruno.displayName });
    await expect(bruno).toContainText(/[1-9]\d* sessions? ouvertes?/);
    await bruno.getByRole("button", { name: `Fermer toutes les sessions de ${ACCOUNTS.bruno.displayName}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`${ACCOUNTS.bruno.displayName} sera déconnecté(e)`);
    await axe.expectNoSeriousViolations(page, "admin: end sessions dialog");
    await dialog.getByRole("button", { name: "Fermer les sessions" }).click();
    await expect(page.getByTestId("admin-people-notice")).toContainText(/sessions? de Bruno Durand fermées?/);
    await expect(bruno).toContainText("Aucune session ouverte");

    await brunoPage.reload();
    await new PortalSignInPage(brunoPage).expectShown();

    // The act is in the log, with Chloé as actor.
    await filters.getByLabel("Action").selectOption("admin.sessions_revoked");
    await filters.getByRole("button", { name: "Filtrer" }).click();
    await expect(rows.first()).toContainText(ACCOUNTS.chloe.displayName);

    // "Show this person's events": the log filtered on Bruno.
    await bruno.getByRole("button", { name: "Voir les événements de cette personne" }).click();
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasNotText: ACCOUNTS.bruno.displayName })).toHaveCount(0);
  });
});

test.describe("as alice (médecin)", () => {
  test.use({ storageState: storageStatePath("alice") });

  test("finds the page and its API closed, and no launcher entry", async ({ page, shell, axe }) => {
    await page.goto("/");
    await shell.launcherToggle.click();
    await expect(shell.launcherNav.getByRole("link").first()).toBeVisible();
    await expect(shell.launcherNav.getByRole("link", { name: "Administration" })).toHaveCount(0);

    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Accès réservé" })).toBeVisible();
    await expect(page.getByTestId("audit-row")).toHaveCount(0);
    await axe.expectNoSeriousViolations(page, "admin (refused)");

    const answer = await page.request.get("/api/admin/audit");
    expect(answer.status()).toBe(403);
    expect(await answer.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    // Same-origin (past the cross-site check), so the refusal is the role check's.
    const revoke = await page.request.delete("/api/admin/users/00000000-0000-4000-8000-000000000000/sessions", {
      headers: { origin: new URL(page.url()).origin },
    });
    expect(revoke.status()).toBe(403);
    expect(await revoke.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });
});
