// A portal user as the first sign-in creates one: the identity provider's claims go through
// resolveIdentity (server/auth/identity-linking.ts), exactly as at a real sign-in, so the user row
// and its identity link are the portal's own. Needs a test database (useTestDatabase) and the test env.
import { resolveIdentity } from "@/server/auth/identity-linking";
import { db } from "@/server/db/client";

/** Creates (or finds, for a subject seen before) the person and returns their user id. */
export async function createTestPerson(claims: {
  /** The provider's stable subject; unique per person. */
  subject: string;
  /** The name shown in the portal: the subject by default. */
  displayName?: string;
  /** The address the provider vouches for (verified), or none. */
  email?: string | null;
}): Promise<string> {
  const email = claims.email ?? null;
  const resolution = await resolveIdentity(
    await db(),
    {
      provider: "idcaih",
      subject: claims.subject,
      displayName: claims.displayName ?? claims.subject,
      email,
      emailVerified: email !== null,
      rpps: null,
      profession: null,
      isAdmin: false,
      providerSid: null,
      authMethods: ["pwd"],
      acr: null,
    },
    null,
  );
  if (resolution.kind !== "user") throw new Error(`test person ${claims.subject} could not be created`);
  return resolution.userId;
}
