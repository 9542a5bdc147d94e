// PageToast as Files and Mail render it: the live region is always there (so a later message is
// announced), the message shows as text with its tone, its optional action and a named close button.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PageToast } from "@/components/shared/page-toast";

const labels = { regionLabel: "Notifications", dismissLabel: "Fermer la notification", testId: "files-toast" };

describe("PageToast", () => {
  it("keeps an empty polite live region in the page when there is nothing to say", () => {
    const html = renderToStaticMarkup(<PageToast toast={null} onDismiss={() => {}} {...labels} />);
    expect(html).toContain('role="status"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('aria-label="Notifications"');
    expect(html).not.toContain('data-testid="files-toast"');
  });

  it("shows the message as text, its action and a close button named for screen readers", () => {
    const html = renderToStaticMarkup(
      <PageToast
        toast={{
          id: 1,
          text: "<b>rapport.pdf</b> a été placé dans la corbeille.",
          tone: "info",
          action: { label: "Annuler", run: () => {} },
        }}
        onDismiss={() => {}}
        {...labels}
      />,
    );
    expect(html).toContain('data-testid="files-toast"');
    expect(html).toContain("&lt;b&gt;rapport.pdf&lt;/b&gt; a été placé dans la corbeille.");
    expect(html).toContain(">Annuler</button>");
    expect(html).toContain('aria-label="Fermer la notification"');
    expect(html).not.toContain("text-danger");
  });

  it("marks an error with the danger colours and offers no action when none is given", () => {
    const html = renderToStaticMarkup(
      <PageToast
        toast={{ id: 2, text: "Échec", tone: "error" }}
        onDismiss={() => {}}
        {...labels}
        testId="mail-toast"
      />,
    );
    expect(html).toContain('data-testid="mail-toast"');
    expect(html).toContain("text-danger");
    expect(html.match(/<button/g)).toHaveLength(1);
    // The close button draws an icon, not a character: the box's text is the message alone (the
    // browser tests match it whole).
    expect(html.replace(/<[^>]+>/g, "")).toBe("Échec");
  });
});
