/**
 * Closes the process's database at shutdown, if one was opened.
 *
 * The database module (server/db/client.ts) imports `server-only` and so cannot be loaded by the
 * custom server (see server/main.ts). It keeps its connection on globalThis, where the routes that
 * opened it left it; this reads it from there. Only types are imported from that module, which
 * TypeScript erases. If it ever stops keeping the handle under this key, nothing is closed here:
 * the pool ends with the process anyway, PGlite loses at most its last uncheckpointed writes.
 */
import type { getDatabase } from "@/server/db/client";

type OpenDatabase = Awaited<ReturnType<typeof getDatabase>>;

const holder = globalThis as typeof globalThis & { __portalDatabase?: Promise<OpenDatabase> };

export async function closeOpenDatabase(): Promise<void> {
  const opening = holder.__portalDatabase;
  if (!opening) return;
  holder.__portalDatabase = undefined;
  const database = await opening.catch(() => undefined);
  await database?.close();
}
