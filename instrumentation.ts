// Runs once when a portal server process starts, before it serves requests: opens the database
// and applies pending migrations, so a schema problem stops the process at start and the first
// requests do not wait for the embedded engine to boot.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/server/db/client");
  await getDatabase();
}
