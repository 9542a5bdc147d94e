/**
 * Signing keys of the development OpenID provider, generated once per issuer and kept on disk.
 *
 * Why persist them: the portal caches the provider's JWKS and keeps ID tokens; keys that changed at
 * every restart would make a restarted demo reject its own tokens. Each issuer has its own key, as
 * two real providers would. The files hold private keys: folder 0700, files 0600, and the folder
 * lives under .data/ which git ignores.
 */
import "server-only";
import { generateKeyPairSync } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, type JWK } from "jose";

export interface SigningKeys {
  keys: JWK[];
}

function isSigningKeys(value: unknown): value is SigningKeys {
  if (typeof value !== "object" || value === null || !("keys" in value)) return false;
  const { keys } = value;
  return (
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every((key: unknown) => typeof key === "object" && key !== null && "d" in key && "kty" in key)
  );
}

async function generateSigningKeys(): Promise<SigningKeys> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return { keys: [{ ...jwk, kid, alg: "RS256", use: "sig" }] };
}

/**
 * Returns the issuer's private JWKS from `<dir>/<name>.jwks.json`, creating it on first use.
 * A file that exists but does not hold keys is an error, never silently replaced: replacing it
 * would invalidate every token the portal holds without saying why.
 */
export async function loadOrCreateSigningKeys(dir: string, name: string): Promise<SigningKeys> {
  const file = path.join(dir, `${name}.jwks.json`);
  try {
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    if (!isSigningKeys(parsed)) throw new Error(`${file} does not hold a private JWKS; delete it to generate new keys`);
    return parsed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keys = await generateSigningKeys();
  // Write then rename, so a crash never leaves a half-written key file behind.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return keys;
}
