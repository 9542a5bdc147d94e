/**
 * Secrets of the local adapter's share links: the token (128 random bits, base64url, looked up by
 * its SHA-256 so a database read yields no working link) and the optional password (scrypt with a
 * random salt, compared in constant time). Kept apart so the parameters are in one place.
 */
import "server-only";
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** 16 random bytes → 22 base64url characters. */
export function newShareToken(): string {
  return randomBytes(16).toString("base64url");
}

export function isShareTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(token);
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/**
 * One of OWASP's equivalent scrypt floors (N=2^14, r=8, p=5): the CPU cost of N=2^17/p=1 with a
 * 16 MiB working set instead of 128 MiB, so a burst of password attempts cannot exhaust memory.
 */
const SCRYPT = { N: 2 ** 14, r: 8, p: 5, keyLength: 32 };

function derive(password: string, salt: Buffer, options: { N: number; r: number; p: number }, keyLength: number) {
  const scryptOptions: ScryptOptions = { ...options, maxmem: 256 * options.N * options.r + 1024 * 1024 };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, keyLength, scryptOptions, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` */
export async function hashSharePassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT, SCRYPT.keyLength);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifySharePassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await derive(
    password,
    Buffer.from(salt, "base64url"),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
