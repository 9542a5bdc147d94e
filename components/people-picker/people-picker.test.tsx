// The people picker's markup before any interaction: a labelled ARIA 1.2 combobox controlling a
// hidden listbox, the chosen people as a labelled list whose remove buttons name each person,
// hidden form inputs when named; in French and English.
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "use-intl";
import { describe, expect, it } from "vitest";
import { PeoplePicker } from "@/components/people-picker/people-picker";
import fr from "@/i18n/messages/fr/contacts.json";
import en from "@/i18n/messages/en/contacts.json";

function render(locale: "fr" | "en", value: Array<{ email: string; name?: string }>, name?: string): string {
  return renderToStaticMarkup(
    <IntlProvider locale={locale} timeZone="Europe/Paris" messages={{ contacts: locale === "fr" ? fr : en }}>
      <PeoplePicker label="À" value={value} onChange={() => undefined} name={name} />
    </IntlProvider>,
  );
}

describe("PeoplePicker", () => {
  it("is a labelled, collapsed combobox controlling a hidden listbox", () => {
    const html = render("fr", []);
    const inputId = /<label for="([^"]+)"[^>]*>À<\/label>/.exec(html)?.[1];
    expect(inputId).toBeDefined();
    const input = new RegExp(`<input[^>]*id="${inputId}"[^>]*>`).exec(html)?.[0] ?? "";
    expect(input).toContain('role="combobox"');
    expect(input).toContain('aria-autocomplete="list"');
    expect(input).toContain('aria-expanded="false"');
    expect(input).toContain('placeholder="Nom ou adresse électronique"');
    const listbox = /aria-controls="([^"]+)"/.exec(input)?.[1];
    expect(html).toMatch(new RegExp(`<ul id="${listbox}" role="listbox" aria-label="À" hidden=""`));
    expect(html).toContain('role="status" aria-live="polite"');
  });

  it("lists the chosen people with a remove button naming each, and hidden inputs when named", () => {
    const html = render(
      "fr",
      [{ email: "helene.leroux@demo.hopital.test", name: "Hélène Leroux" }, { email: "x@y.test" }],
      "to",
    );
    expect(html).toContain('aria-label="2 personnes choisies"');
    expect(html).toContain("Hélène Leroux &lt;helene.leroux@demo.hopital.test&gt;");
    expect(html).toContain('aria-label="Retirer Hélène Leroux"');
    expect(html).toContain('aria-label="Retirer x@y.test"');
    expect(html).toContain('<input type="hidden" name="to" value="x@y.test"/>');
  });

  it("speaks English too", () => {
    const html = render("en", [{ email: "a@b.test", name: "Ann" }]);
    expect(html).toContain('aria-label="1 person chosen"');
    expect(html).toContain('aria-label="Remove Ann"');
  });
});
