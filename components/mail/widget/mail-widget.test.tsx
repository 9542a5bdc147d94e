import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MailWidget } from "@/components/mail/widget/mail-widget";
import fr from "@/i18n/messages/fr/groupware.json";

describe("MailWidget", () => {
  it("shows the unread count and each message as a link to itself, senders and subjects as text", () => {
    const html = renderToStaticMarkup(
      <MailWidget
        data={{
          state: "ok",
          unread: 2,
          unreadLabel: "2 messages non lus",
          items: [
            {
              key: "INBOX:9",
              href: "/mail?uid=9",
              sender: `<img src=x onerror="alert(1)">Pharmacie`,
              subject: "Rupture de stock",
              unread: true,
              dateTime: "2026-11-30T08:00:00.000Z",
              date: "30/11/2026 09:00",
            },
          ],
          labels: { listLabel: "Derniers messages", empty: "Vide", all: "Ouvrir la messagerie" },
        }}
      />,
    );
    expect(html).toContain("2 messages non lus");
    expect(html).toContain('href="/mail?uid=9"');
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Pharmacie");
    expect(html).toContain('aria-label="Derniers messages"');
    expect(html).toContain('href="/mail"');
  });

  it("offers the connect form, prefilled with the person's address, when the mailbox is not connected", () => {
    const html = renderToStaticMarkup(
      <MailWidget
        data={{ state: "not-connected", locale: "fr", messages: { groupware: fr }, email: "alice@hopital.test" }}
      />,
    );
    expect(html).toContain("Connecter votre compte de messagerie");
    expect(html).toContain('value="alice@hopital.test"');
    expect(html).toContain('type="password"');
    expect(html).toContain('autoComplete="current-password"');
    expect(html).not.toContain("mail-widget");
  });
});
