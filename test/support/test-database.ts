// A fresh, migrated database installed as the process database for one test file: in-memory
// PGlite by default, or a new database on the run's real PostgreSQL server when the test runs in
// the "postgresql" Vitest project (same tests, both engines).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, setDatabaseForTests } from "@/server/db/client";

async function createPostgresDatabase(serverUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function useTestDatabase(): Promise<Awaited<ReturnType<typeof openDatabase>>> {
  const open =
    process.env.TEST_DATABASE_ENGINE === "postgresql"
      ? await openDatabase({
          DATABASE_URL: await createPostgresDatabase(inject("postgresUrl")),
          PGLITE_DIR: "",
          DATABASE_POOL_SIZE: 4,
        })
      : await openDatabase({ DATABASE_URL: undefined, PGLITE_DIR: "memory://", DATABASE_POOL_SIZE: 1 });
  setDatabaseForTests(open);
  return open;
}
