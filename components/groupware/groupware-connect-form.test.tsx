import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { GroupwareConnectForm } from "@/components/groupware/groupware-connect-form";
import fr from "@/i18n/messages/fr/groupware.json";

describe("GroupwareConnectForm", () => {
  it("posts, so that a submission before the scripts run never puts the password in a URL", () => {
    const html = renderToStaticMarkup(
      <IntlClientProvider locale="fr" messages={{ groupware: fr }}>
        <GroupwareConnectForm defaultLogin="alice@hopital.test" />
      </IntlClientProvider>,
    );
    const form = /<form[^>]*>/.exec(html)?.[0] ?? "";
    expect(form).toContain('method="post"');
    expect(form).toContain('action="/api/groupware/account"');
    expect(html).toContain('type="password"');
    expect(html).toContain('value="alice@hopital.test"');
  });
});
