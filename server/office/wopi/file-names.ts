/**
 * File names for the WOPI operations that create or rename files (PutRelativeFile, RenameFile):
 * the headers' UTF-7 decoded, names checked by the Files module's own rules
 * (server/files/paths.ts), and the "adjust the name until it is free" rule of SuggestedTarget.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { joinUserPath, parseFileName } from "@/server/files/paths";
import type { FileStorage, StorageContext, UserPath } from "@/server/files/storage";
import { decodeUtf7, Utf7Error } from "@/integrations/wopi/utf7";

/** A refused name: 400 with X-WOPI-InvalidFileNameError. */
export class InvalidWopiFileName extends Error {
  override name = "InvalidWopiFileName";
}

/** `"Compte rendu.docx"` → `["Compte rendu", ".docx"]`; no extension → `[name, ""]`. */
export function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? [name, ""] : [name.slice(0, dot), name.slice(dot)];
}

export function decodeNameHeader(value: string, header: string): string {
  try {
    return decodeUtf7(value);
  } catch (error) {
    if (error instanceof Utf7Error) throw new AppError("BAD_REQUEST", { userMessage: `${header} is not UTF-7 text` });
    throw error;
  }
}

/** The name as valid, or InvalidWopiFileName naming the problem. */
export function checkName(name: string): string {
  try {
    return parseFileName(name);
  } catch (error) {
    if (error instanceof AppError) throw new InvalidWopiFileName(error.userMessage);
    throw error;
  }
}

/** A suggested name made valid rather than refused (SuggestedTarget: "the host must adjust"). */
export function sanitiseName(name: string, fallbackExtension: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069%]/gu, "_")
    .trim()
    .replace(/\.+$/, "");
  try {
    return parseFileName(cleaned);
  } catch {
    return `Document${fallbackExtension}`;
  }
}

async function exists(storage: FileStorage, context: StorageContext, target: UserPath): Promise<boolean> {
  try {
    await storage.stat(context, target);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return false;
    throw error;
  }
}

/** `name`, or `name (2).ext`, `name (3).ext`… the first that is free in `folder`. */
export async function freeName(
  storage: FileStorage,
  context: StorageContext,
  folder: UserPath,
  name: string,
  except?: UserPath,
): Promise<string> {
  const [stem, extension] = splitExtension(name);
  for (let attempt = 1; attempt <= 100; attempt += 1) {
    const candidate = attempt === 1 ? name : `${stem} (${attempt})${extension}`;
    const target = joinUserPath(folder, candidate);
    if (target === except || !(await exists(storage, context, target))) return candidate;
  }
  throw new AppError("CONFLICT", { userMessage: "no free name was found for the file" });
}
