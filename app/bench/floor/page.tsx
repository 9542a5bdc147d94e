// Benchmark floor page (/bench/floor): the reference that `npm run bench` (bench/dashboard-throughput.ts)
// measures the dashboard against. It is what the framework costs for a page of the same size served
// by the same build and the same process: the root layout, proxy.ts (CSP nonce), server rendering and
// the RSC payload — and nothing of the portal's own work (no session check, no database, no widget).
//
// It never serves in production: it answers 404 unless the portal process was started with
// `BENCH_FLOOR_PAGE=true` in its environment, read at request time (not at build time, so one build
// serves both the benchmark and production, and production simply never sets the variable). Only the
// benchmark scripts set it, on the portal they start themselves on loopback.
//
// `?bytes=N` sets the approximate size of the visible text (clamped to 256 KB) so that the benchmark
// can match the page's HTML size to the dashboard's; the text is fixed, not taken from the query.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Bench floor", robots: { index: false, follow: false } };

const DEFAULT_BYTES = 16_384;
const MAX_BYTES = 262_144;
const PARAGRAPH =
  "Le service de médecine interne organise la relève de l'équipe de nuit à sept heures trente ; " +
  "les transmissions se font en salle de soins, puis la visite commence par les entrées de la veille. ";

function paragraphCount(raw: string | string[] | undefined): number {
  const requested = Number(Array.isArray(raw) ? raw[0] : raw);
  const bytes = Number.isFinite(requested) && requested >= 0 ? Math.min(requested, MAX_BYTES) : DEFAULT_BYTES;
  // Each item renders the text plus ~90 bytes of markup, and the RSC payload repeats both.
  return Math.max(1, Math.round(bytes / (Buffer.byteLength(PARAGRAPH) + 90)));
}

export default async function BenchFloorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  if (process.env.BENCH_FLOOR_PAGE !== "true") notFound();
  const count = paragraphCount((await searchParams).bytes);
  return (
    <main id="main" className="mx-auto w-full max-w-7xl px-3 py-6 sm:px-4 sm:py-8">
      <h1 className="text-2xl font-semibold">Bench floor</h1>
      <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: count }, (_, index) => (
          <li key={index} className="min-w-0 rounded-lg border border-border bg-surface p-4">
            <p className="text-fg-muted">{PARAGRAPH}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
