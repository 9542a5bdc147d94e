/**
 * The hash chain of the audit log, as pure functions shared by the writer and the verifier.
 * hash(n) = SHA-256( hash(n-1) + "\n" + canonical JSON of row n's content ), hash(0) = GENESIS.
 */
import "server-only";
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditContent {
  at: string;
  action: string;
  actorUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  outcome: "success" | "failure";
  ip: string | null;
  userAgent: string | null;
  details: Record<string, string | number | boolean | null>;
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** Timestamps are hashed in one form whatever the database hands back. */
export function normaliseTimestamp(at: string | Date): string {
  return new Date(at).toISOString();
}

export function chainHash(prevHash: string, content: AuditContent): string {
  const normalised = { ...content, at: normaliseTimestamp(content.at) };
  return createHash("sha256")
    .update(`${prevHash}\n${canonicalJson(normalised)}`)
    .digest("hex");
}
