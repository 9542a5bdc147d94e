/**
 * Maps the `?error=` code of the sign-in and error pages (set by next-auth, or by the portal's own
 * sign-in action) to the key of a friendly message under `auth.errors`. The raw value is never
 * shown: it comes from the URL, anyone can craft it, and next-auth's codes mean nothing to a nurse.
 */

export type TAuthErrorKey =
  | "default"
  | "accessDenied"
  | "configuration"
  | "verification"
  | "providerFailed"
  | "accountNotLinked"
  | "expiredRequest"
  | "sessionRequired"
  | "sessionExpired"
  | "credentials";

const KEY_BY_CODE: Readonly<Record<string, TAuthErrorKey>> = {
  // Auth.js v5 error page codes (ErrorPageParam) and client-safe error types.
  // Auth.js reports every protocol failure of a callback (tampered state, replayed code, wrong
  // issuer) as "Configuration" too: for staff, the provider did not confirm the sign-in.
  Configuration: "providerFailed",
  AccessDenied: "accessDenied",
  Verification: "verification",
  CredentialsSignin: "credentials",
  OAuthAccountNotLinked: "accountNotLinked",
  AccountNotLinked: "accountNotLinked",
  OAuthCallbackError: "providerFailed",
  MissingCSRF: "expiredRequest",
  // Sign-in page codes of earlier versions, still documented (SignInPageErrorParam).
  Signin: "providerFailed",
  OAuthSignin: "providerFailed",
  OAuthCreateAccount: "providerFailed",
  Callback: "providerFailed",
  CallbackRouteError: "providerFailed",
  InvalidCheck: "expiredRequest",
  SessionRequired: "sessionRequired",
  // The portal's own codes (server/actions/auth-actions.ts, session timeouts).
  UnknownProvider: "configuration",
  SessionExpired: "sessionExpired",
};

/** The message key for an `?error=` value; null when there is no error to show. */
export function authErrorKey(code: string | string[] | undefined): TAuthErrorKey | null {
  const value = Array.isArray(code) ? code[0] : code;
  if (value === undefined || value === "") return null;
  // Own properties only: "constructor" or "__proto__" must not resolve to something.
  return Object.hasOwn(KEY_BY_CODE, value) ? (KEY_BY_CODE[value] ?? "default") : "default";
}
