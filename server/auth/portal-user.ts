/**
 * The signed-in person as the rest of the portal sees them: no tokens, no provider internals.
 */
import "server-only";

export interface PortalUser {
  id: string;
  displayName: string;
  profession: string | null;
  /** Provider that opened this session: `idcaih`, `psc`, or `demo`. */
  provider: string;
  /** How they authenticated, from amr/acr: e.g. ["pwd"], ["pwd","otp"], ["eidas1"]. */
  authMethods: string[];
  /** Authentication context class from the ID token (`eidas1` for Pro Santé Connect). */
  acr: string | null;
  isAdmin: boolean;
  /** Id of the current session row (hashed), for "sign out everywhere" and audit. */
  sessionId: string;
}

/** The user-facing summary of how a session was authenticated. */
export type AuthStrength = "password" | "mfa" | "ecps";

export function describeAuthStrength(authMethods: readonly string[], acr: string | null): AuthStrength {
  if (acr === "eidas1" || authMethods.includes("eidas1") || authMethods.includes("hwk") || authMethods.includes("sc"))
    return "ecps";
  if (authMethods.includes("mfa") || authMethods.includes("otp") || authMethods.length > 1) return "mfa";
  return "password";
}
