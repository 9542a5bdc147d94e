/**
 * Tables of the Files module (local storage adapter metadata, shares, upload sessions…).
 * Written with the module; migration 0002_files.
 */
export {};
