/**
 * Embedding API under a burst (issue 7): 100 vendor session creations at once over HTTP
 * (POST /api/embed/v1/sessions with a bearer token, a discharge summary from its template with
 * patient fields), against a throwaway PostgreSQL (pool of 10, the portal's default). Each
 * creation resolves the user, creates the document from the template (Yjs state), grants the
 * role, stores the session and its one-time launch token and writes the audit event.
 *
 * Reference in the same run: the same 100 documents created at once directly through
 * server/documents (createDocumentFromTemplate), no HTTP, no session, no audit — what the
 * embedding layer costs on top of the documents module is the ratio.
 *
 * Prints one JSON line `{"benchmark":"embed-sessions", …}`. BENCH_EMBED_CONCURRENCY overrides 100.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { note, percentile, printResult, round } from "@/bench/support/stats";

const CONCURRENCY = Math.min(Math.max(Number(process.env.BENCH_EMBED_CONCURRENCY) || 100, 1), 1000);
const WARMUP = 5;
const client = { id: "bench-dpi", secret: "bench-secret-0123456789-abcdefghijklmnop", webhookSecret: "w".repeat(40) };

const fields = (index: number) => ({
  patient: `Patient ${index} <b>test</b>`,
  birthDate: "1950-04-02",
  admissionDate: "2026-11-20",
  dischargeDate: "2026-11-28",
  service: "Cardiologie",
  physician: "Dr Martin",
  summary: "Évolution favorable.\nSortie à domicile.",
});

interface Burst {
  latencies: number[];
  wallMs: number;
  errors: number;
  firstError: string | null;
}

async function burst(count: number, work: (index: number) => Promise<void>): Promise<Burst> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const begin = performance.now();
      try {
        await work(index);
        latencies.push(performance.now() - begin);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message.slice(0, 200) : String(error);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started, errors, firstError };
}

function summary(result: Burst) {
  return {
    p50Ms: round(percentile(result.latencies, 50)),
    p95Ms: round(percentile(result.latencies, 95)),
    maxMs: round(Math.max(...result.latencies)),
    wallMs: round(result.wallMs),
    perSecond: round((result.latencies.length / result.wallMs) * 1000),
    errors: result.errors,
    ...(result.firstError ? { firstError: result.firstError } : {}),
  };
}

async function main(): Promise<void> {
  const clientsFile = path.join(mkdtempSync(path.join(tmpdir(), "bench-embed-")), "clients.json");
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";
  process.env.LOG_LEVEL = "silent";
  process.env.EMBED_CLIENTS_FILE = clientsFile;
  process.env.PORTAL_URL = "http://127.0.0.1:1";
  // Imported after the variables are set: the configuration is read once.
  const { hashClientSecret } = await import("@/server/embed/client-secret-hash");
  const { startPostgres } = await import("@/test/services/postgres");
  const { openDatabase, setDatabaseForTests } = await import("@/server/db/client");
  const { startNodeRouteServer } = await import("@/test/support/node-route-server");
  const { embedApiRoute } = await import("@/server/embed/api/embed-api-route");
  const { fetchAccessToken } = await import("@/server/embed/testing/embed-test-kit");
  const { createDocumentFromTemplate } = await import("@/server/documents/templates/create-document-from-template");
  const { resolveEmbedUser } = await import("@/server/embed/resolve-embed-user");

  writeFileSync(
    clientsFile,
    JSON.stringify([
      {
        id: client.id,
        name: "Bench DPI",
        secretHash: await hashClientSecret(client.secret),
        allowedOrigins: ["https://dpi.example"],
        allowedTemplates: ["discharge-summary"],
      },
    ]),
    { mode: 0o600 },
  );
  const postgres = await startPostgres();
  const database = await openDatabase({ DATABASE_URL: postgres.url, PGLITE_DIR: "", DATABASE_POOL_SIZE: 10 });
  setDatabaseForTests(database);
  const server = await startNodeRouteServer([embedApiRoute]);
  try {
    const token = await fetchAccessToken(server.origin, client);
    const physicians = Array.from({ length: 10 }, (_, index) => `1090000000${index}`);
    const owners = await Promise.all(
      physicians.map(async (rpps) => (await resolveEmbedUser({ rpps, name: `Dr ${rpps}` })).userId),
    );

    const createSession = async (index: number) => {
      const response = await fetch(`${server.origin}/api/embed/v1/sessions`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          user: { rpps: physicians[index % physicians.length], name: "Dr Bench" },
          document: { template: { id: "discharge-summary", fields: fields(index) } },
          mode: "edit",
          reference: `sejour-${index}`,
        }),
      });
      const text = await response.text();
      if (response.status !== 201) throw new Error(`HTTP ${response.status}: ${text.slice(0, 120)}`);
    };
    const createDirect = async (index: number) => {
      await createDocumentFromTemplate({
        ownerId: owners[index % owners.length] ?? "",
        templateId: "discharge-summary",
        fields: fields(index),
        title: `Compte rendu d'hospitalisation – Patient ${index}`,
      });
    };

    note(`warming up (${WARMUP} of each)`);
    await burst(WARMUP, createDirect);
    await burst(WARMUP, createSession);
    note(`reference: ${CONCURRENCY} documents at once through server/documents`);
    const reference = await burst(CONCURRENCY, createDirect);
    note(`embed: ${CONCURRENCY} sessions at once through POST /api/embed/v1/sessions`);
    const sessions = await burst(CONCURRENCY, createSession);
    const embedSummary = summary(sessions);
    const referenceSummary = summary(reference);
    printResult({
      benchmark: "embed-sessions",
      concurrency: CONCURRENCY,
      database: "postgresql (pool 10)",
      sessions: embedSummary,
      reference: { what: "createDocumentFromTemplate directly, same documents", ...referenceSummary },
      ratioP50: round(embedSummary.p50Ms / referenceSummary.p50Ms, 2),
      ratioWall: round(embedSummary.wallMs / referenceSummary.wallMs, 2),
    });
  } finally {
    await server.close();
    setDatabaseForTests(undefined);
    await database.close();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  printResult({ benchmark: "embed-sessions", error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
