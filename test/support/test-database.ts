// A fresh in-memory PostgreSQL (PGlite), migrated, installed as the process database for a test file.
import { openDatabase, setDatabaseForTests } from "@/server/db/client";

export async function useTestDatabase(): Promise<Awaited<ReturnType<typeof openDatabase>>> {
  const open = await openDatabase({ DATABASE_URL: undefined, PGLITE_DIR: "memory://", DATABASE_POOL_SIZE: 1 });
  setDatabaseForTests(open);
  return open;
}
