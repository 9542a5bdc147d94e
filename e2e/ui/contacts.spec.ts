/**
 * Contacts (issue 5): the demo's OpenLDAP directory and alice's personal address book on
 * Radicale (both started and seeded by `npm run demo`). Search a colleague in the directory (her
 * entry merged with alice's personal card), create a personal contact and find it typed without
 * accents, edit and delete it; pick people with the keyboard in the people picker, a free address
 * included; usable at 390 px; axe on every state shown.
 */
import type { Page } from "@playwright/test";
import { expect, storageStatePath, test } from "../fixtures";

test.use({ storageState: storageStatePath("alice") });

/** The demo connects alice's groupware account shortly after her first sign-in: wait for it. */
async function openContacts(page: Page): Promise<void> {
  await page.goto("/contacts");
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expect(async () => {
    if (!(await page.getByRole("button", { name: "Nouveau contact" }).isVisible())) {
      await page.reload();
    }
    await expect(page.getByRole("button", { name: "Nouveau contact" })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 45_000 });
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe("contacts", () => {
  test("finds a colleague in the directory, merged with the personal card, and offers to write to her", async ({
    page,
    axe,
  }) => {
    await openContacts(page);
    await page.getByRole("searchbox", { name: "Rechercher une personne" }).fill("Hélène");
    const results = page.getByRole("list", { name: "Résultats" });
    const helene = results.getByRole("article").filter({ has: page.getByRole("heading", { name: "Hélène Leroux" }) });
    await expect(helene).toBeVisible();
    await expect(helene.getByText("médecin · Cardiologie")).toBeVisible();
    await expect(helene.getByRole("listitem").filter({ hasText: "Annuaire" })).toBeVisible();
    await expect(helene.getByRole("listitem").filter({ hasText: "Mes contacts" })).toBeVisible();
    await expect(helene.getByRole("link", { name: "Écrire un message à Hélène Leroux" })).toHaveAttribute(
      "href",
      /compose=to(%3A|:)helene\.leroux(%40|@)demo\.hopital\.test/,
    );
    await expect(page.getByRole("status").filter({ hasText: /résultat/ })).toBeVisible();
    await axe.expectNoSeriousViolations(page, "contacts search");

    // A query that matches a service finds the people of that service.
    await page.getByRole("searchbox", { name: "Rechercher une personne" }).fill("urgences");
    await expect(results.getByRole("heading", { name: "Loïc Le Gall" })).toBeVisible();
  });

  test("creates a personal contact, finds it typed without accents, edits and deletes it", async ({ page, axe }) => {
    const suffix = test
      .info()
      .testId.slice(0, 8)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    const name = `Maëlys Prévost ${suffix}`;
    await openContacts(page);
    await page.getByRole("button", { name: "Nouveau contact" }).click();
    const dialog = page.getByRole("dialog", { name: "Nouveau contact" });
    await dialog.getByLabel("Nom complet (obligatoire)").fill(name);
    await dialog.getByLabel("Adresses électroniques (une par ligne)").fill("pas une adresse");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await expect(dialog.getByRole("alert")).toContainText(
      "« pas une adresse » n'est pas une adresse électronique valide.",
    );
    await dialog.getByLabel("Adresses électroniques (une par ligne)").fill(`maelys.${suffix}@exemple.test`);
    await dialog.getByLabel("Téléphones (un par ligne)").fill("+33 6 12 34 56 78");
    await dialog.getByLabel("Service").fill("Néonatalogie");
    await axe.expectNoSeriousViolations(page, "new contact dialog");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Contact enregistré." })).toBeVisible();

    await page.getByRole("searchbox", { name: "Rechercher une personne" }).fill(`maelys prevost ${suffix}`);
    const found = page.getByRole("list", { name: "Résultats" }).getByRole("article");
    await expect(found.getByRole("heading", { name })).toBeVisible();
    await expect(found.getByRole("listitem").filter({ hasText: "Mes contacts" })).toBeVisible();
    await expect(found.getByRole("link", { name: "+33 6 12 34 56 78" })).toHaveAttribute("href", "tel:+33612345678");

    const mine = page.getByRole("list", { name: "Mes contacts" });
    await mine.getByRole("button", { name: `Modifier ${name}` }).click();
    const edit = page.getByRole("dialog", { name: "Modifier le contact" });
    await edit.getByLabel("Profession").fill("puéricultrice");
    await edit.getByRole("button", { name: "Enregistrer" }).click();
    await expect(edit).toBeHidden();
    await expect(mine.getByText("puéricultrice · Néonatalogie")).toBeVisible();

    await mine.getByRole("button", { name: `Supprimer ${name}` }).click();
    const confirm = page.getByRole("dialog", { name: "Supprimer ce contact ?" });
    await axe.expectNoSeriousViolations(page, "delete contact dialog");
    await confirm.getByRole("button", { name: "Supprimer" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Contact supprimé." })).toBeVisible();
    await expect(mine.getByRole("heading", { name })).toHaveCount(0);
  });

  test("the people picker is used with the keyboard, free addresses included, at 390 px", async ({ page, axe }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openContacts(page);
    const picker = page.getByRole("combobox", { name: "Destinataires" });
    await picker.fill("leroux");
    const listbox = page.getByRole("listbox", { name: "Destinataires" });
    await expect(listbox.getByRole("option", { name: /Hélène Leroux/ })).toBeVisible();
    await expect(picker).toHaveAttribute("aria-expanded", "true");
    await axe.expectNoSeriousViolations(page, "people picker open");
    await picker.press("ArrowDown");
    await expect(listbox.getByRole("option", { name: /Hélène Leroux/ })).toHaveAttribute("aria-selected", "true");
    await picker.press("Enter");
    const chosen = page.getByRole("list", { name: "1 personne choisie" });
    await expect(chosen.getByText("Hélène Leroux <helene.leroux@demo.hopital.test>")).toBeVisible();

    await picker.fill("pas-une-adresse");
    await picker.press("Enter");
    await expect(page.getByText("« pas-une-adresse » n'est pas une adresse électronique valide.")).toBeVisible();
    await expect(picker).toHaveAttribute("aria-invalid", "true");
    await picker.fill("externe@partenaire.test");
    await picker.press("Enter");
    await expect(page.getByRole("list", { name: "2 personnes choisies" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Écrire à 2 personnes" })).toHaveAttribute(
      "href",
      /compose=to(%3A|:)helene\.leroux(%40|@)demo\.hopital\.test(%2C|,)externe(%40|@)partenaire\.test/,
    );

    await picker.press("Backspace");
    await expect(page.getByRole("list", { name: "1 personne choisie" })).toBeVisible();
    await page.getByRole("button", { name: "Retirer Hélène Leroux" }).click();
    await expect(page.getByRole("link", { name: /Écrire à/ })).toHaveCount(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await axe.expectNoSeriousViolations(page, "contacts at 390 px");
  });
});
