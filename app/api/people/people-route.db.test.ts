// GET /api/people as Next calls it, with real servers behind: OpenLDAP (the directory) and
// Radicale (the user's address book). A connected user gets both, merged; a user who has not
// connected their groupware account gets the directory and `unavailable: ["contacts"]`; bad
// input is a 400 naming the problem; with the directory down, contacts still answer.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRadicale, type RunningRadicale } from "@/scripts/standins/radicale";
import { startOpenLdap, type RunningOpenLdap } from "@/test/services/openldap";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { signInTestUser, type SignedInUser } from "@/test/support/signed-in-user";
import type { PortalUser } from "@/server/auth/portal-user";
import type { PeopleSearchResult } from "@/components/people-picker/person-types";

const session = vi.hoisted(() => ({ user: null as PortalUser | null }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: () => Promise.resolve(session.user),
}));

let ldap: RunningOpenLdap;
let radicale: RunningRadicale;
let alice: SignedInUser;
let bruno: SignedInUser;

beforeAll(async () => {
  [ldap, radicale] = await Promise.all([
    startOpenLdap(),
    startRadicale({ users: [{ login: "alice.martin", password: "alice-pw" }], failedLoginDelay: 0 }),
  ]);
  setTestEnv({
    LDAP_URL: ldap.url,
    LDAP_BASE_DN: ldap.baseDn,
    LDAP_BIND_DN: ldap.bindDn,
    LDAP_BIND_PASSWORD: ldap.bindPassword,
    CARDDAV_URL: radicale.url,
  });
  await useTestDatabase();
  alice = await signInTestUser("Alice Martin");
  bruno = await signInTestUser("Bruno Durand");
  const { saveStoredLogin } = await import("@/server/groupware/credentials");
  await saveStoredLogin(alice.user.id, "alice.martin", "alice-pw");
  const { CardDavSession } = await import("@/integrations/carddav/carddav-session");
  const book = await CardDavSession.open(
    { serverUrl: radicale.url, timeoutMs: 5000 },
    {
      login: "alice.martin",
      password: "alice-pw",
    },
  );
  await book.createContact({
    name: "Hélène (cardio)",
    emails: ["helene.leroux@demo.hopital.test"],
    phones: ["+33 6 12 34 56 78"],
  });
  await book.createContact({ name: "Hélicoptère SAMU", emails: ["regulation@samu.test"], phones: [] });
}, 120_000);

afterAll(async () => {
  const { closeDirectoryConnections } = await import("@/integrations/ldap/directory-client");
  await closeDirectoryConnections();
  await Promise.all([ldap?.stop(), radicale?.stop()]);
});

async function search(as: SignedInUser | null, params: string) {
  session.user = as?.user ?? null;
  const { GET } = await import("@/app/api/people/route");
  const response = await GET(new Request(`http://localhost:3000/api/people${params}`), {
    params: Promise.resolve({}),
  });
  return {
    status: response.status,
    body: (await response.json()) as PeopleSearchResult & { error?: { code: string; message: string } },
  };
}

describe("GET /api/people", () => {
  it("answers 401 without a session", async () => {
    expect((await search(null, "?q=hel")).status).toBe(401);
  });

  it("answers 400 naming the problem for bad input", async () => {
    for (const params of [
      "",
      "?q=h",
      "?q=%20%20h%20",
      `?q=${"a".repeat(101)}`,
      "?q=he%00l",
      "?q=he%0Al",
      "?q=hel&limit=0",
      "?q=hel&limit=51",
      "?q=hel&limit=abc",
    ]) {
      const answer = await search(alice, params);
      expect(answer.status, params).toBe(400);
      expect(answer.body.error?.code, params).toBe("BAD_REQUEST");
      expect(answer.body.error?.message, params).toMatch(/q|limit/);
    }
  });

  it("merges the directory and the user's contacts", async () => {
    const answer = await search(alice, "?q=h%C3%A9l");
    expect(answer.status).toBe(200);
    expect(answer.body.unavailable).toEqual([]);
    expect(answer.body.people).toEqual([
      {
        id: "helene.leroux@demo.hopital.test",
        name: "Hélène Leroux",
        email: "helene.leroux@demo.hopital.test",
        profession: "médecin",
        service: "Cardiologie",
        phone: "+33 1 99 00 20 00",
        sources: ["directory", "contacts"],
      },
      {
        id: "regulation@samu.test",
        name: "Hélicoptère SAMU",
        email: "regulation@samu.test",
        sources: ["contacts"],
      },
    ]);
  });

  it("finds a colleague typed without accents, and honours the limit", async () => {
    const loic = await search(alice, "?q=loic");
    expect(loic.body.people.map((person) => person.name)).toEqual(["Loïc Le Gall"]);
    const broad = await search(alice, "?q=ma&limit=3");
    expect(broad.body.people).toHaveLength(3);
  });

  it("answers from the directory for a user who has not connected their account", async () => {
    const answer = await search(bruno, "?q=leroux");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ unavailable: ["contacts"], reasons: { contacts: "not-connected" } });
    expect(answer.body.people.map((person) => person.sources)).toEqual([["directory"]]);
  });

  it("treats injection attempts as text", async () => {
    const answer = await search(alice, `?q=${encodeURIComponent("*)(uid=*")}`);
    expect(answer.status).toBe(200);
    expect(answer.body.people).toEqual([]);
  });

  it("still answers from the contacts when the directory is down", async () => {
    await ldap.stop();
    const answer = await search(alice, "?q=samu");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ unavailable: ["directory"], reasons: { directory: "failed" } });
    expect(answer.body.people.map((person) => person.name)).toEqual(["Hélicoptère SAMU"]);
  });
});
