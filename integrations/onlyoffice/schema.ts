/**
 * Tables of the OnlyOffice integration (migration 0010_onlyoffice). Re-exported by server/db/schema.ts.
 */
export {};
