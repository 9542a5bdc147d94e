/**
 * The user menu: who is signed in, their profession, how they authenticated (password, MFA,
 * e-CPS: it tells a doctor whether this session may open what requires a CPS-level sign-in), the
 * language switch and the two sign-outs. Sign-out is a form posting to a server action, so it
 * works on a shared workstation even if JavaScript has not loaded.
 */
import type { ReactNode } from "react";
import { DisclosureMenu } from "@/components/shell/disclosure-menu";
import { Icon } from "@/components/shell/icons";

export interface TUserMenuUser {
  displayName: string;
  profession: string | null;
  /** Already translated: "Mot de passe", "Double authentification", "Carte CPS ou e-CPS". */
  authStrength: string;
}

export interface TUserMenuLabels {
  toggle: string;
  profession: string;
  authStrength: string;
  signOut: string;
  signOutEverywhere: string;
  signOutEverywhereHint: string;
}

/** Up to two initials for the avatar, from the display name. */
function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => Array.from(part ?? "")[0]?.toUpperCase() ?? "").join("") || "?";
}

const itemClass =
  "flex min-h-11 w-full items-center gap-3 rounded-md px-3 text-left text-sm font-medium text-fg hover:bg-surface-muted";

export function UserMenu({
  user,
  labels,
  signOutAction,
  signOutEverywhereAction,
  languageSwitch,
}: {
  user: TUserMenuUser;
  labels: TUserMenuLabels;
  signOutAction: () => Promise<void>;
  signOutEverywhereAction: () => Promise<void>;
  /** The LanguageSwitch, rendered by the layout with its server action. */
  languageSwitch: ReactNode;
}) {
  return (
    <DisclosureMenu
      testId="user-menu-toggle"
      summaryClassName="flex min-h-11 items-center gap-2 rounded-md px-1.5 hover:bg-black/10 group-open:bg-black/15"
      panelClassName="absolute right-0 z-40 mt-2 w-[min(20rem,calc(100vw-1.5rem))] rounded-lg border border-border bg-surface text-fg shadow-xl"
      summary={
        <>
          <span
            aria-hidden="true"
            className="flex size-9 items-center justify-center rounded-full bg-on-primary text-sm font-semibold text-primary"
          >
            {initialsOf(user.displayName)}
          </span>
          <span aria-hidden="true" className="hidden max-w-48 truncate text-sm font-medium md:inline">
            {user.displayName}
          </span>
          <span className="sr-only">{labels.toggle}</span>
          <Icon name="chevronDown" className="size-4 transition-transform group-open:rotate-180" />
        </>
      }
    >
      <div className="border-b border-border px-4 py-3">
        <p className="font-semibold break-words" data-testid="user-menu-name">
          {user.displayName}
        </p>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          {user.profession ? (
            <>
              <dt className="text-fg-muted">{labels.profession}</dt>
              <dd data-testid="user-menu-profession">{user.profession}</dd>
            </>
          ) : null}
          <dt className="text-fg-muted">{labels.authStrength}</dt>
          <dd data-testid="user-menu-auth-strength">{user.authStrength}</dd>
        </dl>
      </div>
      <div className="border-b border-border">{languageSwitch}</div>
      <div className="p-2">
        <form action={signOutAction}>
          <button type="submit" className={itemClass}>
            <Icon name="signOut" />
            {labels.signOut}
          </button>
        </form>
        <form action={signOutEverywhereAction}>
          <button type="submit" className={itemClass} aria-describedby="user-menu-sign-out-everywhere-hint">
            <Icon name="sessions" />
            {labels.signOutEverywhere}
          </button>
          <p id="user-menu-sign-out-everywhere-hint" className="px-3 pb-1 text-xs text-fg-muted">
            {labels.signOutEverywhereHint}
          </p>
        </form>
      </div>
    </DisclosureMenu>
  );
}
