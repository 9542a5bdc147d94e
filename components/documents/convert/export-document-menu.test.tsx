import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "use-intl";
import { describe, expect, it } from "vitest";
import { ExportDocumentMenu } from "@/components/documents/convert/export-document-menu";
import fr from "@/i18n/messages/fr/documentsConvert.json";
import en from "@/i18n/messages/en/documentsConvert.json";

function render(locale: "fr" | "en"): string {
  return renderToStaticMarkup(
    <IntlProvider locale={locale} timeZone="Europe/Paris" messages={{ documentsConvert: locale === "fr" ? fr : en }}>
      <ExportDocumentMenu documentId="11111111-1111-4111-8111-111111111111" />
    </IntlProvider>,
  );
}

describe("ExportDocumentMenu", () => {
  it("is a closed disclosure: a button that controls a hidden, labelled list of the four formats", () => {
    const html = render("fr");
    const controls = /<button[^>]*aria-expanded="false"[^>]*aria-controls="([^"]+)"[^>]*>Exporter<\/button>/.exec(
      html,
    )?.[1];
    expect(controls).toBeDefined();
    expect(html).toContain(`<ul id="${controls}" aria-label="Exporter le document" hidden=""`);
    const formats = [...html.matchAll(/<li><button type="button"[^>]*>([^<]+)<\/button><\/li>/g)].map(
      (match) => match[1],
    );
    expect(formats).toEqual(["Word (.docx)", "OpenDocument (.odt)", "PDF (.pdf)", "Markdown (.md)"]);
    expect(html).toContain('role="status" aria-live="polite"');
  });

  it("speaks English too", () => {
    const html = render("en");
    expect(html).toContain(">Export</button>");
    expect(html).toContain('aria-label="Export the document"');
  });
});
