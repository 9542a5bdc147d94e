// Integration: the portal's database layer against a real PostgreSQL started by the test service.
// Needs PostgreSQL installed (`.ci/run` installs postgresql-15); without it this fails and says so.
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { auditLog } from "@/server/db/schema";
import {
  findPostgresBinDir,
  PostgresNotInstalledError,
  startPostgres,
  type RunningPostgres,
} from "@/test/services/postgres";

let postgres: RunningPostgres;

beforeAll(async () => {
  postgres = await startPostgres();
});

afterAll(async () => {
  await postgres?.stop();
});

describe("startPostgres", () => {
  it("serves a portal database that openDatabase migrates and queries", async () => {
    const url = new URL(postgres.url);
    expect(url.hostname).toBe("127.0.0.1");
    const database = await openDatabase({ DATABASE_URL: postgres.url, PGLITE_DIR: "", DATABASE_POOL_SIZE: 2 });
    try {
      expect(database.engine).toBe("postgresql");
      await database.ping();
      const [row] = await database.db.select({ count: sql<number>`count(*)::int` }).from(auditLog);
      expect(row?.count).toBe(0);
    } finally {
      await database.close();
    }
  });

  it("refuses a wrong password", async () => {
    const url = new URL(postgres.url);
    url.password = "wrong";
    const client = new pg.Client({ connectionString: url.toString() });
    await expect(client.connect()).rejects.toThrow(/password authentication failed/);
  });

  it("stops and removes its cluster", async () => {
    const second = await startPostgres();
    await second.stop();
    const client = new pg.Client({ connectionString: second.url, connectionTimeoutMillis: 2000 });
    await expect(client.connect()).rejects.toThrow();
    await second.stop(); // idempotent
  });

  it("says how to install PostgreSQL when it is missing", () => {
    expect(() => findPostgresBinDir("/nonexistent", "/nonexistent/bin")).toThrow(PostgresNotInstalledError);
    expect(() => findPostgresBinDir("/nonexistent", "/nonexistent/bin")).toThrow(
      /apt-get install -y --no-install-recommends postgresql-15/,
    );
  });
});
