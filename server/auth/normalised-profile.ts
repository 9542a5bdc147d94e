/**
 * What the portal keeps of a provider's identity claims, whatever the provider. Built by
 * server/auth/verify-sign-in.ts after every signature and claim check has passed.
 */
import "server-only";

export interface NormalisedProfile {
  provider: string;
  /** The provider's stable subject for this account. */
  subject: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  /** 11-digit RPPS, when the provider asserts one. */
  rpps: string | null;
  profession: string | null;
  isAdmin: boolean;
  providerSid: string | null;
  authMethods: string[];
  acr: string | null;
}
