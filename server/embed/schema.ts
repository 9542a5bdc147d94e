/**
 * Tables of the embed module (migration 0009_embed). Filled in by the module; re-exported by server/db/schema.ts.
 */
export {};
