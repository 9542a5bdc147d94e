/**
 * The portal user a vendor's session is for, as the vendor identifies them: their ID CAIH subject
 * (the hospital's single sign-on) or their RPPS number. Found in this order:
 *   1. an identity (idcaih, subject) → its user;
 *   2. a user with that RPPS → that user;
 *   3. otherwise a new user (the vendor's name and profession), with the RPPS and, when a subject
 *      was given, the identity (idcaih, subject) — so when the person later signs in to the portal
 *      with ID CAIH they land on this same account and find the documents written in the DPI.
 *
 * The vendor's assertion never links identities to an existing account and never renames one
 * (only the person's own sign-in does that: server/auth/identity-linking.ts). Trusting the vendor
 * for who the user is stays bounded: an embed session only ever opens documents created through
 * that same client (embed_documents).
 *
 * Concurrent first sessions for the same new person race on the unique RPPS / identity: the loser
 * rolls back and finds the winner's user.
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { identities, users } from "@/server/db/schema";

export const EMBED_IDENTITY_PROVIDER = "idcaih";

export interface EmbedUserClaim {
  subject?: string;
  rpps?: string;
  name: string;
  profession?: string;
}

async function findUser(claim: EmbedUserClaim): Promise<string | null> {
  const database = await db();
  if (claim.subject) {
    const [known] = await database
      .select({ userId: identities.userId })
      .from(identities)
      .where(and(eq(identities.provider, EMBED_IDENTITY_PROVIDER), eq(identities.subject, claim.subject)))
      .limit(1);
    if (known) return known.userId;
  }
  if (claim.rpps) {
    const [byRpps] = await database.select({ id: users.id }).from(users).where(eq(users.rpps, claim.rpps)).limit(1);
    if (byRpps) return byRpps.id;
  }
  return null;
}

class LostRace extends Error {}

async function provision(claim: EmbedUserClaim): Promise<string> {
  return (await db()).transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ displayName: claim.name, rpps: claim.rpps ?? null, profession: claim.profession ?? null })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) throw new LostRace();
    if (claim.subject) {
      const [identity] = await tx
        .insert(identities)
        .values({
          userId: created.id,
          provider: EMBED_IDENTITY_PROVIDER,
          subject: claim.subject,
          rpps: claim.rpps ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: identities.id });
      if (!identity) throw new LostRace();
    }
    return created.id;
  });
}

/** The user's id and whether this call created them. */
export async function resolveEmbedUser(claim: EmbedUserClaim): Promise<{ userId: string; created: boolean }> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = await findUser(claim);
    if (existing) return { userId: existing, created: false };
    try {
      return { userId: await provision(claim), created: true };
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
    }
  }
  throw new Error("embed user resolution kept racing");
}
