/**
 * The shape of the portal's messages, derived from the French files (French is the reference
 * language; a test checks that English has exactly the same keys).
 *
 * A module adding its own namespace declares it here by module augmentation, from its own file:
 *
 *   import type files from "@/i18n/messages/fr/files.json";
 *   declare module "@/i18n/types" { interface PortalMessages { files: typeof files } }
 *
 * `nav` and `widgets` are open namespaces: every module adds its launcher label and widget title
 * to them (files `nav.<module>.json`, `widgets.<module>.json`), and the shell looks those keys up
 * from the registry at run time, so they are typed as records.
 */
import type auth from "./messages/fr/auth.json";
import type common from "./messages/fr/common.json";
import type dashboard from "./messages/fr/dashboard.json";
import type errors from "./messages/fr/errors.json";
import type offline from "./messages/fr/offline.json";
import type shell from "./messages/fr/shell.json";
import type { TLocale } from "./locales";

export interface PortalMessages {
  auth: typeof auth;
  common: typeof common;
  dashboard: typeof dashboard;
  errors: typeof errors;
  offline: typeof offline;
  shell: typeof shell;
  nav: Record<string, string>;
  widgets: Record<string, string>;
}

/** A top-level namespace, e.g. `"shell"`. */
export type TNamespace = keyof PortalMessages;

// Types use-intl's hooks (useTranslations in client components) with the same messages.
declare module "use-intl" {
  interface AppConfig {
    Locale: TLocale;
    Messages: PortalMessages;
  }
}
