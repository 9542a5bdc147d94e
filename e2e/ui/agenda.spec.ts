/**
 * Agenda (issue 5): alice's calendar on the demo's Radicale (started and seeded by `npm run demo`
 * with a hospital week around today). Create an event from the toolbar and see it in the week
 * view, edit it, delete it after confirming; answer the seeded invitation; the dashboard widget
 * shows today's events; the month view; at 390 px the day view opens without sideways scrolling.
 * axe on every state shown.
 */
import type { Page } from "@playwright/test";
import { expect, storageStatePath, test } from "../fixtures";

test.use({ storageState: storageStatePath("alice") });

/** Today in Paris, as the agenda counts days. */
function parisToday(): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

function parisTomorrow(): string {
  const [year, month, day] = parisToday().split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** The demo connects alice's groupware account shortly after her first sign-in: wait for it. */
async function openAgenda(page: Page, query: string): Promise<void> {
  await page.goto(`/agenda?${query}`);
  await expect(page.getByRole("heading", { level: 1, name: "Agenda" })).toBeVisible();
  await expect(async () => {
    if (!(await page.getByRole("button", { name: "Nouvel événement" }).isVisible())) await page.reload();
    await expect(page.getByRole("button", { name: "Nouvel événement" })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 45_000 });
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe("agenda", () => {
  test("creates an event and sees it in the week view, edits it, deletes it", async ({ page, axe }) => {
    const suffix = test
      .info()
      .testId.slice(0, 6)
      .replace(/[^a-z0-9]/gi, "");
    const title = `Point équipe ${suffix}`;
    const today = parisToday();
    await openAgenda(page, `view=week&date=${today}`);
    await expect(page.getByRole("button", { name: "Semaine", exact: true })).toHaveAttribute("aria-pressed", "true");
    await axe.expectNoSeriousViolations(page, "agenda week view");

    await page.getByRole("button", { name: "Nouvel événement" }).click();
    const dialog = page.getByRole("dialog", { name: "Nouvel événement" });
    await dialog.getByLabel("Titre").fill(title);
    await dialog.getByLabel("Date de début").fill(today);
    await dialog.getByLabel("Heure de début").fill("15:00");
    await dialog.getByLabel("Date de fin").fill(today);
    await dialog.getByLabel("Heure de fin").fill("16:00");
    await dialog.getByLabel("Lieu").fill("Salle 3B");
    await axe.expectNoSeriousViolations(page, "new event dialog");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("agenda-announcer")).toHaveText("Événement créé.");

    const grid = page.getByTestId("agenda-time-grid");
    const chip = grid.getByRole("button", { name: new RegExp(`^${title} 15:00`) });
    await expect(chip).toBeVisible();
    await expect(chip).toContainText("15:00");

    await chip.click();
    const details = page.getByRole("dialog", { name: title });
    await expect(details.getByText("Salle 3B")).toBeVisible();
    await axe.expectNoSeriousViolations(page, "event details");
    await details.getByRole("button", { name: "Modifier" }).click();
    const edit = page.getByRole("dialog", { name: "Modifier l’événement" });
    await expect(edit.getByLabel("Titre")).toHaveValue(title);
    await edit.getByLabel("Titre").fill(`${title} (déplacé)`);
    await edit.getByLabel("Heure de début").fill("16:30");
    await edit.getByLabel("Heure de fin").fill("17:30");
    await edit.getByRole("button", { name: "Enregistrer" }).click();
    await expect(edit).toBeHidden();
    const moved = grid.getByRole("button", { name: new RegExp(`^${title} \\(déplacé\\) 16:30`) });
    await expect(moved).toContainText("16:30");
    await expect(chip).toHaveCount(0);

    await moved.click();
    const movedDetails = page.getByRole("dialog", { name: `${title} (déplacé)` });
    await movedDetails.getByRole("button", { name: "Supprimer" }).click();
    await expect(movedDetails.getByText("Supprimer l’événement ?")).toBeVisible();
    await movedDetails.getByRole("button", { name: "Supprimer" }).click();
    await expect(movedDetails).toBeHidden();
    await expect(page.getByTestId("agenda-announcer")).toHaveText("Événement supprimé.");
    await expect(moved).toHaveCount(0);
  });

  test("answers the invitation waiting in tomorrow's day", async ({ page, axe }) => {
    await openAgenda(page, `view=day&date=${parisTomorrow()}`);
    const invitation = page.getByTestId("agenda-time-grid").getByRole("button", { name: /^Réunion qualité/ });
    await invitation.click();
    const dialog = page.getByRole("dialog", { name: /^Réunion qualité/ });
    await expect(dialog.getByText("Hélène Leroux").first()).toBeVisible();
    await axe.expectNoSeriousViolations(page, "invitation");
    await dialog.getByRole("button", { name: "Peut-être" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("agenda-announcer")).toHaveText("Réponse envoyée.");
    await invitation.click();
    await expect(
      page.getByRole("dialog", { name: /^Réunion qualité/ }).getByRole("button", { name: "Peut-être" }),
    ).toHaveAttribute("aria-pressed", "true");
  });

  test("the dashboard widget lists today's events", async ({ page, axe }) => {
    await page.goto("/");
    const widget = page.getByTestId("agenda-widget");
    await expect(async () => {
      if (!(await widget.isVisible())) await page.reload();
      await expect(widget).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 45_000 });
    const today = widget.getByRole("region", { name: "Aujourd’hui" });
    await expect(today.getByText("Staff de service")).toBeVisible();
    await expect(today.getByText("Consultation de suivi")).toBeVisible();
    await expect(widget.getByRole("region", { name: "Demain" }).getByText("Garde de nuit : Urgences")).toBeVisible();
    await axe.expectNoSeriousViolations(page, "dashboard with the agenda widget");
  });

  test("shows the month and, at 390 px, opens on the day without sideways scrolling", async ({ page, axe }) => {
    await openAgenda(page, `view=month&date=${parisToday()}`);
    await expect(
      page.getByTestId("agenda-month-grid").getByRole("button", { name: /^Staff de service 10:00/ }),
    ).toBeVisible();
    await axe.expectNoSeriousViolations(page, "agenda month view");

    await page.setViewportSize({ width: 390, height: 844 });
    await openAgenda(page, "");
    await expect(page.getByRole("button", { name: "Jour", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(
      page.getByTestId("agenda-time-grid").getByRole("button", { name: /^Staff de service 10:00/ }),
    ).toBeVisible();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await axe.expectNoSeriousViolations(page, "agenda at 390 px");
  });
});
