import { beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { createTestPerson } from "@/test/support/test-person";
import { deleteStoredLogin, readStoredLogin } from "@/server/groupware/credentials";
import { seedDemoGroupwareOnce, ZDemoGroupwareAccounts } from "@/server/demo-groupware/demo-groupware-seed";

/** A person who has signed in once (their user row exists), with the address their provider gave. */
const signedInPerson = (subject: string, email: string) => createTestPerson({ subject, email });

const accounts = ZDemoGroupwareAccounts.parse([
  { email: "alice.martin@demo.hopital.test", login: "alice.martin@demo.hopital.test", password: "demo-a" },
  { email: "bruno.durand@demo.hopital.test", login: "bruno.durand@demo.hopital.test", password: "demo-b" },
]);

beforeAll(async () => {
  setTestEnv({});
  await useTestDatabase();
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
