/**
 * One person, one account. A sign-in resolves to a portal user in this order:
 * 1. the (provider, subject) identity is known: that user (a changed e-mail or name at the provider
 *    updates the profile; it never creates a second account);
 * 2. the sign-in finishes a pending link the same browser started (see below): the pending
 *    identity joins this user;
 * 3. another user has the same RPPS, or the same verified e-mail: nothing is linked silently — a
 *    pending link is recorded and the person must confirm by signing in with an identity that
 *    account already has, which proves they own both;
 * 4. otherwise a new user.
 * Display names never match accounts.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { identities, pendingLinks, users } from "@/server/db/schema";
import type { NormalisedProfile } from "@/server/auth/normalised-profile";

const PENDING_LINK_TTL_MS = 15 * 60 * 1000;

export type IdentityResolution =
  | { kind: "user"; userId: string; created: boolean; linkedFromPending: boolean }
  | {
      kind: "pending-link";
      pendingLinkId: string;
      existingUserId: string;
      matchedOn: "rpps" | "email";
      existingProviders: string[];
    };

async function updateProfile(database: Database, userId: string, profile: NormalisedProfile): Promise<void> {
  await database
    .update(users)
    .set({
      displayName: profile.displayName,
      profession: profile.profession ?? sql`${users.profession}`,
      isAdmin: profile.isAdmin,
      updatedAt: new Date(),
      // An RPPS is only ever added, never changed, by a sign-in: it is the linking key.
      rpps: sql`coalesce(${users.rpps}, ${profile.rpps})`,
    })
    .where(eq(users.id, userId));
}

export async function resolveIdentity(
  database: Database,
  profile: NormalisedProfile,
  pendingLinkId: string | null,
): Promise<IdentityResolution> {
  return database.transaction(async (tx) => {
    const [known] = await tx
      .select({ userId: identities.userId })
      .from(identities)
      .where(and(eq(identities.provider, profile.provider), eq(identities.subject, profile.subject)))
      .limit(1);

    if (known) {
      await tx
        .update(identities)
        .set({ lastSignInAt: new Date(), email: profile.email, rpps: profile.rpps })
        .where(and(eq(identities.provider, profile.provider), eq(identities.subject, profile.subject)));
      await updateProfile(tx, known.userId, profile);
      const linked = pendingLinkId ? await completePendingLink(tx, pendingLinkId, known.userId) : false;
      return { kind: "user", userId: known.userId, created: false, linkedFromPending: linked };
    }

    const match = await findLinkCandidate(tx, profile);
    if (match) {
      const id = randomBytes(24).toString("base64url");
      await tx.insert(pendingLinks).values({
        id,
        userId: match.userId,
        provider: profile.provider,
        subject: profile.subject,
        matchedOn: match.matchedOn,
        profile,
        expiresAt: new Date(Date.now() + PENDING_LINK_TTL_MS),
      });
      const existing = await tx
        .select({ provider: identities.provider })
        .from(identities)
        .where(eq(identities.userId, match.userId));
      return {
        kind: "pending-link",
        pendingLinkId: id,
        existingUserId: match.userId,
        matchedOn: match.matchedOn,
        existingProviders: [...new Set(existing.map((row) => row.provider))],
      };
    }

    const [created] = await tx
      .insert(users)
      .values({
        displayName: profile.displayName,
        email: profile.email,
        emailVerified: profile.emailVerified,
        rpps: profile.rpps,
        profession: profile.profession,
        isAdmin: profile.isAdmin,
      })
      .returning({ id: users.id });
    if (!created) throw new Error("user insert returned no row");
    await tx.insert(identities).values({
      userId: created.id,
      provider: profile.provider,
      subject: profile.subject,
      email: profile.email,
      rpps: profile.rpps,
      lastSignInAt: new Date(),
    });
    return { kind: "user", userId: created.id, created: true, linkedFromPending: false };
  });
}

async function findLinkCandidate(
  database: Database,
  profile: NormalisedProfile,
): Promise<{ userId: string; matchedOn: "rpps" | "email" } | null> {
  if (profile.rpps) {
    const [byRpps] = await database.select({ id: users.id }).from(users).where(eq(users.rpps, profile.rpps)).limit(1);
    if (byRpps) return { userId: byRpps.id, matchedOn: "rpps" };
  }
  if (profile.email && profile.emailVerified) {
    const [byEmail] = await database
      .select({ id: users.id })
      .from(users)
      .where(and(sql`lower(${users.email}) = lower(${profile.email})`, eq(users.emailVerified, true)))
      .limit(1);
    if (byEmail) return { userId: byEmail.id, matchedOn: "email" };
  }
  return null;
}

/**
 * Attaches a pending identity to `userId` if the pending link was made for that very user and has
 * not expired. A pending link for another user is ignored (and left to expire).
 */
async function completePendingLink(database: Database, pendingLinkId: string, userId: string): Promise<boolean> {
  const [pending] = await database
    .select()
    .from(pendingLinks)
    .where(
      and(eq(pendingLinks.id, pendingLinkId), eq(pendingLinks.userId, userId), gt(pendingLinks.expiresAt, new Date())),
    )
    .limit(1);
  if (!pending) return false;
  const profile = pending.profile as NormalisedProfile;
  await database
    .insert(identities)
    .values({ userId, provider: pending.provider, subject: pending.subject, email: profile.email, rpps: profile.rpps })
    .onConflictDoNothing();
  await database.delete(pendingLinks).where(eq(pendingLinks.id, pendingLinkId));
  if (profile.rpps) {
    await database
      .update(users)
      .set({ rpps: sql`coalesce(${users.rpps}, ${profile.rpps})` })
      .where(eq(users.id, userId));
  }
  return true;
}

/** The pending link a browser holds, for the confirmation page. */
export async function readPendingLink(
  database: Database,
  pendingLinkId: string,
): Promise<{ matchedOn: "rpps" | "email"; newProvider: string; existingProviders: string[] } | null> {
  const [pending] = await database
    .select()
    .from(pendingLinks)
    .where(and(eq(pendingLinks.id, pendingLinkId), gt(pendingLinks.expiresAt, new Date())))
    .limit(1);
  if (!pending) return null;
  const existing = await database
    .select({ provider: identities.provider })
    .from(identities)
    .where(eq(identities.userId, pending.userId));
  return {
    matchedOn: pending.matchedOn,
    newProvider: pending.provider,
    existingProviders: [...new Set(existing.map((row) => row.provider))],
  };
}

export async function cancelPendingLink(database: Database, pendingLinkId: string): Promise<void> {
  await database.delete(pendingLinks).where(eq(pendingLinks.id, pendingLinkId));
}
