import { beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { resolveIdentity } from "@/server/auth/identity-linking";
import { deleteStoredLogin, readStoredLogin } from "@/server/groupware/credentials";
import { seedDemoGroupwareOnce, ZDemoGroupwareAccounts } from "@/server/demo-groupware/demo-groupware-seed";
import type { Database } from "@/server/db/client";

let database: Database;

async function signedInPerson(subject: string, email: string): Promise<string> {
  const resolution = await resolveIdentity(
    database,
    {
      provider: "idcaih",
      subject,
      displayName: subject,
      email,
      emailVerified: true,
      rpps: null,
      profession: null,
      isAdmin: false,
      providerSid: null,
      authMethods: ["pwd"],
      acr: null,
    },
    null,
  );
  if (resolution.kind !== "user") throw new Error("expected a user");
  return resolution.userId;
}

const accounts = ZDemoGroupwareAccounts.parse([
  { email: "alice.martin@demo.hopital.test", login: "alice.martin@demo.hopital.test", password: "demo-a" },
  { email: "bruno.durand@demo.hopital.test", login: "bruno.durand@demo.hopital.test", password: "demo-b" },
]);

beforeAll(async () => {
  setTestEnv({});
  database = (await useTestDatabase()).db;
});

describe("seedDemoGroupwareOnce", () => {
  it("connects demo people once they exist, sealed like the connect route, and only once per start", async () => {
    const done = new Set<string>();
    expect(await seedDemoGroupwareOnce(accounts, done)).toEqual([]);

    const alice = await signedInPerson("demo-alice", "Alice.Martin@demo.hopital.test");
    const stranger = await signedInPerson("someone", "someone@demo.hopital.test");
    expect(await seedDemoGroupwareOnce(accounts, done)).toEqual(["alice.martin@demo.hopital.test"]);
    expect(await readStoredLogin(alice)).toEqual({ login: "alice.martin@demo.hopital.test", password: "demo-a" });
    expect(await readStoredLogin(stranger)).toBeNull();

    // Alice disconnects: the seeding must not connect her again behind her back.
    await deleteStoredLogin(alice);
    const bruno = await signedInPerson("demo-bruno", "bruno.durand@demo.hopital.test");
    expect(await seedDemoGroupwareOnce(accounts, done)).toEqual(["bruno.durand@demo.hopital.test"]);
    expect(await readStoredLogin(alice)).toBeNull();
    expect((await readStoredLogin(bruno))?.password).toBe("demo-b");
    expect(await seedDemoGroupwareOnce(accounts, done)).toEqual([]);
  });

  it("refuses a malformed accounts file", () => {
    expect(() => ZDemoGroupwareAccounts.parse([{ email: "not an address", login: "x", password: "y" }])).toThrow();
    expect(() => ZDemoGroupwareAccounts.parse({ email: "a@b.fr" })).toThrow();
  });
});
