/**
 * The portal's header (the `banner` landmark): app launcher, institution logo and name (a link
 * home), user menu. It is drawn on the institution's primary colour with the foreground computed
 * for it (`text-on-primary`), so any configured colour stays readable.
 *
 * Its links are plain `<a>`, not next/link: modules are separate applications a person opens
 * from here, a full load of which costs little once the shared JavaScript is cached, while
 * next/link would add about 3 KB gzip to the dashboard's first load.
 */
import type { ReactNode } from "react";
import { InstitutionBrand, type TInstitution } from "@/components/shell/institution-brand";

export function SiteHeader({
  institution,
  homeLabel,
  launcher,
  notifications,
  userMenu,
}: {
  institution: TInstitution;
  /** Accessible name of the home link, e.g. "Centre hospitalier…, accueil". */
  homeLabel: string;
  launcher: ReactNode;
  /** The notification bell, when an enabled module is a notification source. */
  notifications?: ReactNode;
  userMenu: ReactNode;
}) {
  return (
    <header className="on-primary sticky top-0 z-30 bg-primary text-on-primary shadow-sm">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-1 px-2 sm:gap-3 sm:px-4">
        {launcher}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see the header comment */}
        <a href="/" aria-label={homeLabel} className="flex min-h-11 min-w-0 flex-1 items-center rounded-md px-1">
          <InstitutionBrand institution={institution} />
        </a>
        {notifications}
        {userMenu}
      </div>
    </header>
  );
}
