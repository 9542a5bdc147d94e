/**
 * Reads and merges `i18n/messages/<locale>/*.json` (see merge-message-files.ts for the naming
 * convention). Files are read from disk rather than imported so that a module adds its messages
 * by adding files, without touching a central list.
 */
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { TLocale } from "@/i18n/locales";
import type { PortalMessages } from "@/i18n/types";
import { mergeMessageFiles, type TMessageFile } from "@/server/i18n/merge-message-files";

const MESSAGES_DIR = path.join(process.cwd(), "i18n", "messages");

// Messages never change in a running production process; in development they are re-read on each
// request so that editing a JSON file shows on the next reload.
const cache = new Map<TLocale, Promise<PortalMessages>>();

async function readLocale(locale: TLocale): Promise<PortalMessages> {
  const dir = path.join(MESSAGES_DIR, locale);
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json"));
  const files: TMessageFile[] = await Promise.all(
    names.map(async (fileName) => {
      const text = await readFile(path.join(dir, fileName), "utf8");
      try {
        return { fileName, content: JSON.parse(text) as unknown };
      } catch (error) {
        throw new Error(`[i18n] ${locale}/${fileName}: invalid JSON`, { cause: error });
      }
    }),
  );
  // The files' shape is checked by mergeMessageFiles; that it matches PortalMessages (derived from
  // the French files) is checked by the key-parity test for English.
  return mergeMessageFiles(files) as unknown as PortalMessages;
}

/** All messages of one language, merged from its files. */
export function loadMessages(locale: TLocale): Promise<PortalMessages> {
  if (process.env.NODE_ENV === "development") return readLocale(locale);
  let pending = cache.get(locale);
  if (!pending) {
    pending = readLocale(locale);
    // A failed read (a malformed file) is not cached, so fixing the file is enough to recover.
    pending.catch(() => cache.delete(locale));
    cache.set(locale, pending);
  }
  return pending;
}
