/**
 * The database connection: PostgreSQL through node-postgres when DATABASE_URL is set, otherwise
 * the embedded PGlite engine (PostgreSQL compiled to WebAssembly, in this process). Both speak the
 * same SQL and share one schema and one set of migrations, applied on first use.
 *
 * The connection is a process-wide singleton kept on globalThis: Next.js may evaluate this module
 * in several bundles of one process, and two PGlite instances on one folder would corrupt it.
 */
import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env, type TEnv } from "@/server/env";
import * as schema from "@/server/db/schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

interface OpenDatabase {
  db: Database;
  /** Runs a statement outside drizzle (health checks). */
  ping: () => Promise<void>;
  close: () => Promise<void>;
  engine: "postgresql" | "pglite";
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "server/db/migrations");
/** Arbitrary constant naming the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 4_242_001;

async function openPostgres(url: string, poolSize: number): Promise<OpenDatabase> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // Several portal processes may start at once: one migrates, the others wait on the lock.
  const lockClient = await pool.connect();
  try {
    await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(lockClient, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    lockClient.release();
  }
  const db = drizzle(pool, { schema });
  return {
    db,
    engine: "postgresql",
    ping: async () => {
      await pool.query("select 1");
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string): Promise<OpenDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    engine: "pglite",
    ping: async () => {
      await client.query("select 1");
    },
    close: () => client.close(),
  };
}

/** Opens (and migrates) a database for the given configuration. Tests use this directly. */
export function openDatabase(
  config: Pick<TEnv, "DATABASE_URL" | "PGLITE_DIR" | "DATABASE_POOL_SIZE">,
): Promise<OpenDatabase> {
  return config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE)
    : openPglite(config.PGLITE_DIR);
}

const holder = globalThis as typeof globalThis & { __portalDatabase?: Promise<OpenDatabase> };

/** The process's database, opened and migrated on first call. */
export function getDatabase(): Promise<OpenDatabase> {
  holder.__portalDatabase ??= openDatabase(env()).catch((error: unknown) => {
    holder.__portalDatabase = undefined;
    throw error;
  });
  return holder.__portalDatabase;
}

/** Shorthand for the drizzle handle. */
export async function db(): Promise<Database> {
  return (await getDatabase()).db;
}

/** Replaces the process database (tests only: each suite opens its own). */
export function setDatabaseForTests(open: OpenDatabase | undefined): void {
  holder.__portalDatabase = open ? Promise.resolve(open) : undefined;
}
