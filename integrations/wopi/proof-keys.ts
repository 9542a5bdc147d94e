/**
 * WOPI proof keys: checking that a request really comes from the WOPI client named by
 * WOPI_DISCOVERY_URL (Collabora, OnlyOffice, Office Online), so that a leaked access token alone
 * cannot be replayed from elsewhere, and an old captured request cannot be replayed later.
 *
 * The client signs, with RSA-SHA256 (PKCS#1 v1.5), these bytes (WOPI docs, "Proof keys"):
 *   BE32(len(token)) ‖ token (UTF-8) ‖ BE32(len(URL)) ‖ URL upper-cased (UTF-8) ‖ BE32(8) ‖ BE64(ticks)
 * where the URL is the full URL it called (query string included) and ticks is X-WOPI-TimeStamp
 * (.NET ticks: 100 ns since 0001-01-01, beyond Number's safe range, so BigInt). It sends the
 * signature with its current key in X-WOPI-Proof and with its previous key in X-WOPI-ProofOld.
 * During a key rotation the host may hold either key as "current", so exactly three pairs are
 * accepted: Proof/current, ProofOld/current, Proof/old — never ProofOld/old (that would keep a
 * retired key valid forever).
 *
 * Public keys come from discovery's `modulus`/`exponent` (base64 big-endian), imported as JWK.
 * Pure functions: fetching the keys (and refetching them once on failure, for rotations) is the
 * caller's job (server/office/wopi/proof-check.ts).
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";

/** The freshness window of X-WOPI-TimeStamp. */
export const PROOF_MAX_AGE_MS = 20 * 60 * 1000;

/** .NET ticks at the Unix epoch, and ticks per millisecond. */
const EPOCH_TICKS = 621_355_968_000_000_000n;
const TICKS_PER_MS = 10_000n;

export interface ProofKeyPair {
  current: KeyObject;
  old?: KeyObject;
}

export interface ProofRequest {
  accessToken: string;
  /** The full URL as the client called it (scheme, host, path and query); upper-cased here. */
  url: string;
  /** X-WOPI-TimeStamp, as sent. */
  timestamp: string | undefined;
  /** X-WOPI-Proof (base64). */
  proof: string | undefined;
  /** X-WOPI-ProofOld (base64). */
  proofOld: string | undefined;
}

export type ProofVerdict =
  | { ok: true; matched: "proof-current" | "proofold-current" | "proof-old" }
  | { ok: false; reason: "missing-headers" | "bad-timestamp" | "stale-timestamp" | "signature-mismatch" };

/** An RSA public key from discovery's base64 modulus and exponent. */
export function rsaKeyFromModulus(modulusBase64: string, exponentBase64: string): KeyObject {
  const toUrl = (value: string) => Buffer.from(value, "base64").toString("base64url");
  return createPublicKey({ key: { kty: "RSA", n: toUrl(modulusBase64), e: toUrl(exponentBase64) }, format: "jwk" });
}

export function ticksFromMs(ms: number): bigint {
  return BigInt(Math.trunc(ms)) * TICKS_PER_MS + EPOCH_TICKS;
}

export function msFromTicks(ticks: bigint): number {
  return Number((ticks - EPOCH_TICKS) / TICKS_PER_MS);
}

/** X-WOPI-TimeStamp as ticks, or null when it is not a decimal 64-bit value. */
export function parseTicks(value: string | undefined): bigint | null {
  if (value === undefined || !/^[0-9]{1,19}$/.test(value.trim())) return null;
  const ticks = BigInt(value.trim());
  return ticks <= 0x7fff_ffff_ffff_ffffn ? ticks : null;
}

function be32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

/** The exact bytes the client signs. */
export function expectedProofBytes(accessToken: string, url: string, ticks: bigint): Buffer {
  const token = Buffer.from(accessToken, "utf8");
  const upperUrl = Buffer.from(url.toUpperCase(), "utf8");
  const time = Buffer.alloc(8);
  time.writeBigInt64BE(ticks);
  return Buffer.concat([be32(token.length), token, be32(upperUrl.length), upperUrl, be32(8), time]);
}

function verifies(data: Buffer, signatureBase64: string | undefined, key: KeyObject | undefined): boolean {
  if (!signatureBase64 || !key) return false;
  const signature = Buffer.from(signatureBase64, "base64");
  if (signature.length === 0) return false;
  try {
    return verify("RSA-SHA256", data, key, signature);
  } catch {
    return false;
  }
}

/**
 * Checks one request's proof against the keys. `now` is the host's clock in ms; pass
 * `{ skipFreshness: true }` only for recorded test vectors.
 */
export function verifyProof(
  request: ProofRequest,
  keys: ProofKeyPair,
  now: number,
  options: { skipFreshness?: boolean } = {},
): ProofVerdict {
  if (!request.proof || !request.timestamp) return { ok: false, reason: "missing-headers" };
  const ticks = parseTicks(request.timestamp);
  if (ticks === null) return { ok: false, reason: "bad-timestamp" };
  if (!options.skipFreshness && Math.abs(now - msFromTicks(ticks)) > PROOF_MAX_AGE_MS)
    return { ok: false, reason: "stale-timestamp" };
  const data = expectedProofBytes(request.accessToken, request.url, ticks);
  if (verifies(data, request.proof, keys.current)) return { ok: true, matched: "proof-current" };
  if (verifies(data, request.proofOld, keys.current)) return { ok: true, matched: "proofold-current" };
  if (verifies(data, request.proof, keys.old)) return { ok: true, matched: "proof-old" };
  return { ok: false, reason: "signature-mismatch" };
}
