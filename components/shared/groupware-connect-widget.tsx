/**
 * What a groupware widget (Mail, Agenda) shows while the person has not connected their
 * groupware account: the connect form, prefilled with their address, in place of the list. The
 * form is a client island, so it gets its own few strings (the groupware namespace) here.
 */
import type { TLocale } from "@/i18n/locales";
import type { PortalMessages } from "@/i18n/types";
import { GroupwareConnectForm } from "@/components/groupware/groupware-connect-form";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";

/** A groupware widget's data when the account is not connected (the other state is the widget's own). */
export interface GroupwareNotConnected {
  state: "not-connected";
  locale: TLocale;
  messages: Pick<PortalMessages, "groupware">;
  email: string | null;
}

export function GroupwareConnectWidget({ data }: { data: GroupwareNotConnected }) {
  return (
    <IntlClientProvider locale={data.locale} messages={data.messages}>
      <GroupwareConnectForm defaultLogin={data.email ?? ""} headingLevel={3} />
    </IntlClientProvider>
  );
}
