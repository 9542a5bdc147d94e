/**
 * OnlyOffice document keys. The Document Server identifies an editing session by `document.key`:
 * everyone opening a file with the same key joins the same session and sees its cached state; a
 * new key means "this is a new version, load it from `document.url` again". So the key must
 * change after every completed save (callback status 2) and when the file changed elsewhere, and
 * must NOT change during force-saves (status 6) while the session is open. The rules live in
 * server/office/onlyoffice/document-keys.ts; this file only makes and checks keys.
 *
 * Format (API docs, config/document): at most 128 characters from [0-9a-zA-Z-._=], unique across
 * everything that uses the same Document Server. 24 random bytes in base64url (32 characters of
 * [A-Za-z0-9_-]) satisfy both without leaking the file id or its version.
 */
import "server-only";
import { randomBytes } from "node:crypto";

const KEY_PATTERN = /^[0-9a-zA-Z\-._=]{1,128}$/;

export function newDocumentKey(): string {
  return randomBytes(24).toString("base64url");
}

export function isValidDocumentKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}
