/**
 * The portal's modules, in the order the dashboard shows them. To add one: write its
 * `PortalModule<TData>` in server/<module>/<module>-module.ts and append `registerModule(itsModule)`
 * to ALL_MODULES.
 */
import "server-only";
import type { TEnv } from "@/server/env";
import type { PortalModule } from "@/server/modules/types";
import { accountModule } from "@/server/account/account-module";
import { newsModule } from "@/server/news/news-module";
import { documentsModule } from "@/server/documents/documents-module";
import { filesModule } from "@/server/files/files-module";
import { mailModule } from "@/server/mail/mail-module";
import { agendaModule } from "@/server/agenda/agenda-module";
import { officeModule } from "@/server/office/office-module";
import { contactsModule } from "@/server/contacts/contacts-module";

/**
 * Forgets a module's widget data type so that modules of different types fit in one list.
 *
 * Why a cast: `load` produces TData and `Component` consumes it, so PortalModule<TData> is
 * invariant and no PortalModule<X> is assignable to PortalModule<unknown>. The pair stays
 * consistent because a widget's data only ever goes from its own `load` to its own `Component`
 * (loadWidget, then `<module.widget.Component data={result.data} />`); TypeScript has no
 * existential types to say so. The module itself was type-checked against its TData above.
 */
export function registerModule<TData>(module: PortalModule<TData>): PortalModule {
  return module as unknown as PortalModule;
}

export const ALL_MODULES: readonly PortalModule[] = [
  registerModule(mailModule),
  registerModule(agendaModule),
  registerModule(filesModule),
  registerModule(newsModule),
  registerModule(accountModule),
  registerModule(documentsModule),
  registerModule(officeModule),
  registerModule(contactsModule),
];

/** The modules this configuration enables (a module without its backend configured is not shown). */
export function getEnabledModules(config: TEnv, modules: readonly PortalModule[] = ALL_MODULES): PortalModule[] {
  return modules.filter((module) => module.isEnabled(config));
}
