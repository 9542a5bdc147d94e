/**
 * The demo's secrets: generated at random on the first `npm run demo`, kept in
 * .data/demo-secrets.json (mode 0600, git-ignored) and reused afterwards, so that sessions and
 * encrypted tokens survive a restart. Never defaults baked into the code.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export interface DemoSecrets {
  /** The portal's AUTH_SECRET. */
  authSecret: string;
  /** Secret of the `portal` client on the development OpenID provider. */
  devClientSecret: string;
}

function isDemoSecrets(value: unknown): value is DemoSecrets {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.authSecret === "string" &&
    record.authSecret.length >= 32 &&
    typeof record.devClientSecret === "string" &&
    record.devClientSecret.length >= 16
  );
}

export async function loadOrCreateDemoSecrets(dataDir: string): Promise<{ secrets: DemoSecrets; created: boolean }> {
  const file = path.join(dataDir, "demo-secrets.json");
  try {
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    if (!isDemoSecrets(parsed))
      throw new Error(`${file} is not a valid demo secrets file; delete it to generate new secrets`);
    // Tighten a file whose mode was loosened by hand or by a copy.
    await chmod(file, 0o600);
    return { secrets: parsed, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secrets: DemoSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    devClientSecret: randomBytes(24).toString("base64url"),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return { secrets, created: true };
}
