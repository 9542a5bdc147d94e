/**
 * Tables of the office module (migration 0008_office). Filled in by the module; re-exported by server/db/schema.ts.
 */
export {};
