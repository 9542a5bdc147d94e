/**
 * Tables of the mail module (migration 0007_mail). Filled in by the module; re-exported by server/db/schema.ts.
 */
export {};
