/**
 * The frame of the pages seen without a session (sign-in, sign-in errors, signed out): the
 * institution's logo and name above a card, and the language switch below it, so a person can
 * choose English before signing in.
 */
import type { ReactNode } from "react";
import { InstitutionBrand, type TInstitution } from "@/components/shell/institution-brand";

export function AuthFrame({
  institution,
  appName,
  children,
  footer,
}: {
  institution: TInstitution;
  appName: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <div aria-hidden="true" className="h-2 bg-primary" />
      <main id="main" className="mx-auto flex w-full max-w-md flex-1 flex-col justify-center px-4 py-8">
        <header className="mb-6 flex flex-col items-center gap-1 text-center">
          <InstitutionBrand institution={institution} size="lg" className="max-w-full flex-col !gap-3" />
          <p className="text-fg-muted">{appName}</p>
        </header>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">{children}</div>
        {footer ? <div className="mt-6 flex justify-center">{footer}</div> : null}
      </main>
    </div>
  );
}
