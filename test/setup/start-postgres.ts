// Vitest global setup of the "postgresql" project: one throwaway PostgreSQL server for the run,
// whose URL the database tests receive through `inject("postgresUrl")`.
import type { TestProject } from "vitest/node";
import { startPostgres } from "@/test/services/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  project.provide("postgresUrl", postgres.url);
  return () => postgres.stop();
}
