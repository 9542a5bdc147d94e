// The directory search against a real OpenLDAP (test/services/openldap.ts) seeded with the demo
// hospital: matching by names, accents, service and profession; injection attempts matched
// literally; the size limit; and each failure (refused service account, server down, server
// silent) turned into the error a caller can report.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenLdap, type RunningOpenLdap } from "@/test/services/openldap";
import { freePort } from "@/test/services/process-probes";
import { closeDirectoryConnections } from "./directory-client";
import { peopleFilter } from "./directory-filter";
import type { LdapConfig } from "./ldap-config";
import { searchDirectory } from "./search-directory";

let ldap: RunningOpenLdap;
let config: LdapConfig;

beforeAll(async () => {
  ldap = await startOpenLdap();
  config = {
    url: ldap.url,
    baseDn: ldap.baseDn,
    bindDn: ldap.bindDn,
    bindPassword: ldap.bindPassword,
    timeoutMs: 3000,
    connectTimeoutMs: 2000,
  };
});

afterAll(async () => {
  await closeDirectoryConnections();
  await ldap?.stop();
});

const names = (entries: Array<{ name: string }>) => entries.map((entry) => entry.name).sort();

describe("searchDirectory", () => {
  it("finds a colleague by the start of her names, in any case, accents kept, with every attribute", async () => {
    const [helene] = await searchDirectory(config, "HÉLÈ", 20);
    expect(helene).toEqual({
      dn: "uid=helene.leroux,ou=people,dc=demo,dc=hopital,dc=test",
      name: "Hélène Leroux",
      email: "helene.leroux@demo.hopital.test",
      profession: "médecin",
      service: "Cardiologie",
      phone: "+33 1 99 00 20 00",
    });
    expect(names(await searchDirectory(config, "leroux", 20))).toEqual(["Hélène Leroux"]);
  });

  it("finds accented names typed without accents through the e-mail address", async () => {
    expect(names(await searchDirectory(config, "helene", 20))).toEqual(["Hélène Leroux"]);
    expect(names(await searchDirectory(config, "loic", 20))).toEqual(["Loïc Le Gall"]);
  });

  it("needs every word to match, and matches inside the full name", async () => {
    expect(names(await searchDirectory(config, "loïc gall", 20))).toEqual(["Loïc Le Gall"]);
    expect(await searchDirectory(config, "loïc leroux", 20)).toEqual([]);
  });

  it("finds people by service and by profession", async () => {
    const cardiology = await searchDirectory(config, "cardio", 20);
    expect(names(cardiology)).toEqual(["Alice Martin", "Bénédicte Fauré", "Hélène Leroux", "Solène Denis"]);
    const midwives = await searchDirectory(config, "sage-femme", 20);
    expect(names(midwives)).toEqual(["Françoise Mercier", "Noémie Dubois"]);
  });

  it("matches filter syntax in the input literally: injection attempts find nobody", async () => {
    for (const attempt of ["*)(uid=*", "admin*)(|(objectClass=*", "*", "a*", "\\2a", ")(", "x\u0000y"]) {
      expect(await searchDirectory(config, attempt, 20), attempt).toEqual([]);
    }
    // The filter carries them as escaped values (RFC 4515), never as structure.
    const filter = peopleFilter("*)(uid=*").toString();
    expect(filter).toContain("\\2a\\29\\28uid=\\2a");
    expect(filter).not.toContain("(uid=*");
  });

  it("returns no more than the limit for a broad query", async () => {
    const broad = await searchDirectory(config, "m", 5);
    expect(broad).toHaveLength(5);
    expect((await searchDirectory(config, "m", 50)).length).toBeGreaterThan(5);
  });

  it("says the base is hidden when an anonymous bind may not read the directory", async () => {
    const anonymous: LdapConfig = { url: config.url, baseDn: config.baseDn, timeoutMs: 3000, connectTimeoutMs: 2000 };
    await expect(searchDirectory(anonymous, "helene", 20)).rejects.toMatchObject({
      code: "BACKEND_UNAVAILABLE",
      userMessage: expect.stringContaining("LDAP_BASE_DN"),
    });
  });

  it("says the service account was refused when its password is wrong", async () => {
    const wrong = { ...config, bindPassword: "not-the-password" };
    await expect(searchDirectory(wrong, "helene", 20)).rejects.toMatchObject({
      code: "BACKEND_UNAVAILABLE",
      userMessage: expect.stringContaining("LDAP_BIND_DN"),
    });
    // The good account still works afterwards (the refused connection was dropped, not shared).
    expect(names(await searchDirectory(config, "helene", 20))).toEqual(["Hélène Leroux"]);
  });

  it("says the directory cannot be reached when nothing listens", async () => {
    const down = { ...config, url: `ldap://127.0.0.1:${await freePort()}` };
    await expect(searchDirectory(down, "helene", 20)).rejects.toMatchObject({ code: "BACKEND_UNAVAILABLE" });
  });

  it("gives up on a server that accepts the connection but never answers", async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const started = Date.now();
      await expect(
        searchDirectory({ ...config, url: `ldap://127.0.0.1:${port}`, timeoutMs: 400 }, "helene", 20),
      ).rejects.toMatchObject({ code: "BACKEND_TIMEOUT" });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await closeDirectoryConnections();
      silent.close();
    }
  });

  it("reconnects by itself after the directory restarted", async () => {
    expect(names(await searchDirectory(config, "helene", 20))).toEqual(["Hélène Leroux"]);
    const other = await startOpenLdap();
    try {
      const moved = { ...config, url: other.url, bindPassword: other.bindPassword };
      expect(names(await searchDirectory(moved, "zoé", 20))).toEqual(["Zoé Rousseau"]);
    } finally {
      await other.stop();
    }
  });
});
