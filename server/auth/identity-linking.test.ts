import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { resolveIdentity, readPendingLink } from "@/server/auth/identity-linking";
import { identities, users } from "@/server/db/schema";
import type { NormalisedProfile } from "@/server/auth/normalised-profile";
import type { Database } from "@/server/db/client";

let database: Database;

function profile(overrides: Partial<NormalisedProfile>): NormalisedProfile {
  return {
    provider: "idcaih",
    subject: "s-1",
    displayName: "Alice Martin",
    email: "alice@hopital.test",
    emailVerified: true,
    rpps: null,
    profession: "médecin",
    isAdmin: false,
    providerSid: null,
    authMethods: ["pwd"],
    acr: null,
    ...overrides,
  };
}

beforeAll(async () => {
  setTestEnv();
  database = (await useTestDatabase()).db;
});

describe("resolveIdentity", () => {
  it("creates a user on a first sign-in and finds it again on the next", async () => {
    const first = await resolveIdentity(database, profile({ subject: "new-1", email: "new1@hopital.test" }), null);
    expect(first).toMatchObject({ kind: "user", created: true });
    const again = await resolveIdentity(database, profile({ subject: "new-1", email: "new1@hopital.test" }), null);
    expect(again).toMatchObject({ kind: "user", created: false });
    if (first.kind !== "user" || again.kind !== "user") throw new Error("unexpected");
    expect(again.userId).toBe(first.userId);
  });

  it("keeps one account when the provider changes the e-mail or the name", async () => {
    const first = await resolveIdentity(database, profile({ subject: "chg", email: "old@hopital.test" }), null);
    const changed = await resolveIdentity(
      database,
      profile({ subject: "chg", email: "new@hopital.test", displayName: "A. Martin-Dupont" }),
      null,
    );
    if (first.kind !== "user" || changed.kind !== "user") throw new Error("unexpected");
    expect(changed.userId).toBe(first.userId);
    const [row] = await database.select().from(users).where(eq(users.id, first.userId));
    expect(row?.displayName).toBe("A. Martin-Dupont");
  });

  it("never links silently on RPPS: a second provider gets a pending link to confirm", async () => {
    const caih = await resolveIdentity(
      database,
      profile({ subject: "caih-bruno", rpps: "10202020202", email: "bruno@hopital.test" }),
      null,
    );
    if (caih.kind !== "user") throw new Error("unexpected");
    const psc = await resolveIdentity(
      database,
      profile({ provider: "psc", subject: "f:psc:bruno", rpps: "10202020202", email: null, emailVerified: false }),
      null,
    );
    expect(psc).toMatchObject({
      kind: "pending-link",
      matchedOn: "rpps",
      existingUserId: caih.userId,
      existingProviders: ["idcaih"],
    });
    if (psc.kind !== "pending-link") throw new Error("unexpected");
    expect(await database.select().from(identities).where(eq(identities.subject, "f:psc:bruno"))).toHaveLength(0);
    expect(await readPendingLink(database, psc.pendingLinkId)).toMatchObject({ matchedOn: "rpps", newProvider: "psc" });

    // Confirming = signing in with the identity the account already has, in the same browser.
    const confirmed = await resolveIdentity(
      database,
      profile({ subject: "caih-bruno", rpps: "10202020202", email: "bruno@hopital.test" }),
      psc.pendingLinkId,
    );
    expect(confirmed).toMatchObject({ kind: "user", userId: caih.userId, linkedFromPending: true });
    const viaPsc = await resolveIdentity(
      database,
      profile({ provider: "psc", subject: "f:psc:bruno", rpps: "10202020202", email: null }),
      null,
    );
    expect(viaPsc).toMatchObject({ kind: "user", userId: caih.userId, created: false });
  });

  it("does not let another account complete someone else's pending link", async () => {
    const owner = await resolveIdentity(
      database,
      profile({ subject: "owner", rpps: "10303030303", email: "owner@hopital.test" }),
      null,
    );
    const pending = await resolveIdentity(
      database,
      profile({ provider: "psc", subject: "f:psc:owner", rpps: "10303030303", email: null }),
      null,
    );
    const intruder = await resolveIdentity(
      database,
      profile({ subject: "intruder", email: "intruder@hopital.test" }),
      null,
    );
    if (owner.kind !== "user" || pending.kind !== "pending-link" || intruder.kind !== "user")
      throw new Error("unexpected");
    const attempt = await resolveIdentity(
      database,
      profile({ subject: "intruder", email: "intruder@hopital.test" }),
      pending.pendingLinkId,
    );
    expect(attempt).toMatchObject({ kind: "user", userId: intruder.userId, linkedFromPending: false });
    expect(await database.select().from(identities).where(eq(identities.subject, "f:psc:owner"))).toHaveLength(0);
  });

  it("matches a verified e-mail but never an unverified one or a display name", async () => {
    await resolveIdentity(
      database,
      profile({ subject: "mail-owner", email: "Claire@Hopital.test", displayName: "Claire" }),
      null,
    );
    const verified = await resolveIdentity(
      database,
      profile({ provider: "psc", subject: "p-claire", email: "claire@hopital.test", displayName: "Claire" }),
      null,
    );
    expect(verified).toMatchObject({ kind: "pending-link", matchedOn: "email" });
    const unverified = await resolveIdentity(
      database,
      profile({
        provider: "psc",
        subject: "p-claire-2",
        email: "claire@hopital.test",
        emailVerified: false,
        displayName: "Claire",
      }),
      null,
    );
    expect(unverified).toMatchObject({ kind: "user", created: true });
    const sameName = await resolveIdentity(
      database,
      profile({ subject: "other-claire", email: "c2@hopital.test", displayName: "Claire" }),
      null,
    );
    expect(sameName).toMatchObject({ kind: "user", created: true });
  });
});
