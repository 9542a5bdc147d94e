/**
 * Hashing of embed clients' secrets (the vendors' OAuth2 client secrets) for EMBED_CLIENTS_FILE.
 *
 * scrypt (RFC 7914), not a bare SHA-256: the clients file is configuration that gets copied,
 * backed up and read by operators, and a vendor secret is not always a long random string someone
 * generated for us. With scrypt a leaked file still does not yield usable secrets. The cost (tens
 * of milliseconds) is paid once per access token, not per API call.
 *
 * Format: `scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>`.
 *
 * Deliberately free of `server-only` and of the portal's configuration: the operator's CLI
 * (server/embed/cli/hash-client-secret.ts) and the e2e stack import it to write clients files.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";

const DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43})$/;

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

function scrypt(secret: string, salt: Buffer, options: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(secret, salt, KEY_LENGTH, { ...options, maxmem: 256 * options.N * options.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Whether `value` looks like a hash this module wrote (checked when the clients file is read). */
export function isClientSecretHash(value: string): boolean {
  const match = FORMAT.exec(value);
  if (!match) return false;
  const N = Number(match[1]);
  return N >= 2 ** 14 && (N & (N - 1)) === 0 && Number(match[2]) >= 1 && Number(match[3]) >= 1;
}

export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, DEFAULTS);
  return `scrypt$${DEFAULTS.N}$${DEFAULTS.r}$${DEFAULTS.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Constant-time comparison of a presented secret with a stored hash; false for a malformed hash. */
export async function verifyClientSecret(secret: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match || !isClientSecretHash(stored)) return false;
  const [, N, r, p, salt = "", hash = ""] = match;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(secret, Buffer.from(salt, "base64url"), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
