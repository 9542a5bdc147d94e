// The OpenLDAP stand-in: starts on a free loopback port, seeded; the service account reads but
// cannot write, the administrator can; a kept folder restarts with its data and passwords;
// stop ends the process and removes a temporary folder.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, InsufficientAccessError } from "ldapts";
import { afterAll, describe, expect, it } from "vitest";
import { DIRECTORY_PEOPLE, startOpenLdap } from "./openldap";
import { isRunning } from "./process-probes";

async function withClient<T>(url: string, dn: string, password: string, run: (client: Client) => Promise<T>) {
  const client = new Client({ url, timeout: 3000 });
  try {
    await client.bind(dn, password);
    return await run(client);
  } finally {
    await client.unbind();
  }
}

const folders: string[] = [];
afterAll(async () => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

describe("startOpenLdap", () => {
  it("serves the seeded people to the read-only account, which may not write", async () => {
    const ldap = await startOpenLdap();
    try {
      expect(ldap.url).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+$/);
      expect(ldap.people.length).toBe(DIRECTORY_PEOPLE.length);
      expect(ldap.people.length).toBeGreaterThanOrEqual(33);
      await withClient(ldap.url, ldap.bindDn, ldap.bindPassword, async (client) => {
        const { searchEntries } = await client.search(ldap.baseDn, { filter: "(objectClass=inetOrgPerson)" });
        expect(searchEntries).toHaveLength(DIRECTORY_PEOPLE.length);
        const alice = searchEntries.find((entry) => entry.uid === "alice.martin");
        expect(alice).toMatchObject({ mail: "alice.martin@demo.hopital.test", title: "médecin" });
        expect(alice).not.toHaveProperty("userPassword");
        await expect(
          client.add(`uid=intrus,${ldap.baseDn}`, { objectClass: "inetOrgPerson", uid: "intrus", cn: "I", sn: "I" }),
        ).rejects.toBeInstanceOf(InsufficientAccessError);
      });
      await withClient(ldap.url, ldap.rootDn, ldap.rootPassword, async (client) => {
        await client.add(`uid=nouveau,${ldap.baseDn}`, {
          objectClass: "inetOrgPerson",
          uid: "nouveau",
          cn: "Éloïse Nouveau",
          sn: "Nouveau",
        });
        const { searchEntries } = await client.search(ldap.baseDn, { filter: "(uid=nouveau)" });
        expect(searchEntries[0]?.cn).toBe("Éloïse Nouveau");
      });
    } finally {
      await ldap.stop();
    }
  });

  it("keeps a given folder's data and passwords across restarts; a temporary folder is removed on stop", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "openldap-kept-"));
    folders.push(dir);
    const first = await startOpenLdap({ dir, people: DIRECTORY_PEOPLE.slice(0, 2) });
    await withClient(first.url, first.rootDn, first.rootPassword, (client) =>
      client.add(`uid=ajout,${first.baseDn}`, { objectClass: "inetOrgPerson", uid: "ajout", cn: "Ajout", sn: "A" }),
    );
    await first.stop();
    const second = await startOpenLdap({ dir });
    try {
      expect(second.bindPassword).toBe(first.bindPassword);
      await withClient(second.url, second.bindDn, second.bindPassword, async (client) => {
        const { searchEntries } = await client.search(second.baseDn, { filter: "(objectClass=inetOrgPerson)" });
        expect(searchEntries.map((entry) => entry.uid).sort()).toEqual(["ajout", "alice.martin", "bruno.durand"]);
      });
    } finally {
      await second.stop();
    }
    expect(existsSync(path.join(dir, "data", "data.mdb"))).toBe(true);
  });

  it("stops the process and removes its temporary folder", async () => {
    const ldap = await startOpenLdap();
    expect(isRunning(ldap.pid)).toBe(true);
    expect(existsSync(ldap.dir)).toBe(true);
    await ldap.stop();
    expect(isRunning(ldap.pid)).toBe(false);
    expect(existsSync(ldap.dir)).toBe(false);
    await expect(withClient(ldap.url, ldap.bindDn, ldap.bindPassword, async () => true)).rejects.toThrow();
  });
});
