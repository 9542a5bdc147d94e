import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseEnv } from "@/server/env";

const secret = "s".repeat(40);

describe("parseEnv", () => {
  it("names a missing required variable", () => {
    expect(() => parseEnv({})).toThrow(/AUTH_SECRET/);
  });

  it("names a malformed variable", () => {
    expect(() => parseEnv({ AUTH_SECRET: secret, PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ AUTH_SECRET: secret, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ AUTH_SECRET: secret, INSTITUTION_PRIMARY_COLOUR: "blue" })).toThrow(
      /INSTITUTION_PRIMARY_COLOUR/,
    );
  });

  it("requires a provider's whole group once one of its variables is set", () => {
    expect(() => parseEnv({ AUTH_SECRET: secret, PSC_ISSUER: "https://psc.test" })).toThrow(
      /PSC_CLIENT_ID[\s\S]*PSC_CLIENT_SECRET/,
    );
  });

  it("reads secrets from *_FILE, trimmed", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "env-"));
    const file = path.join(dir, "secret");
    writeFileSync(file, `${secret}\n`);
    expect(parseEnv({ AUTH_SECRET_FILE: file }).AUTH_SECRET).toBe(secret);
  });

  it("applies the embedded defaults", () => {
    const config = parseEnv({ AUTH_SECRET: secret });
    expect(config).toMatchObject({ PORT: 3000, PGLITE_DIR: ".data/pglite", SESSION_IDLE_TIMEOUT: 1800 });
    expect(config.DATABASE_URL).toBeUndefined();
  });
});
