/**
 * Shared request parsing of the Files HTTP layer: the zod schemas of the values every route takes
 * (a user path, a yes/no flag) and the query string as a zod-checkable object.
 *
 * Why here and not in each route: one rule for paths (server/files/paths.ts decides what a valid
 * path is, this file only turns its refusal into a 400 naming the parameter), one rule for
 * repeated parameters (`?path=/a&path=/b` is an array only where a route asks for one; anywhere
 * else it is refused instead of silently taking the last value).
 */
import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { parseUserPath } from "@/server/files/paths";
import type { UserPath } from "@/server/files/storage";

/** Longest string a path parameter may be before it is even looked at (parseUserPath has its own limit). */
const MAX_RAW_PATH = 8192;

/** A path below the user's root, validated by parseUserPath; its refusal becomes the issue's message. */
export const ZUserPath = z
  .string()
  .max(MAX_RAW_PATH, "path is too long")
  .transform((value, ctx): UserPath => {
    try {
      return parseUserPath(value);
    } catch (error: unknown) {
      ctx.addIssue({ code: "custom", message: error instanceof AppError ? error.userMessage : "invalid path" });
      return z.NEVER;
    }
  });

/** `1`/`true` or `0`/`false`; absent is false. */
export const ZFlag = z
  .enum(["1", "0", "true", "false"], { message: "expected 1, 0, true or false" })
  .optional()
  .transform((value) => value === "1" || value === "true");

/**
 * The query string as an object for a zod schema: a name given once is a string, a name given
 * several times an array (which a `z.string()` field then refuses, naming it).
 */
export function queryObject(url: URL): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = result[name];
    if (existing === undefined) result[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[name] = [existing, value];
  }
  return result;
}

/** Parses the query with `schema`; a ZodError becomes the portal's 400 naming the bad parameter. */
export function parseQuery<T extends z.ZodType>(url: URL, schema: T): z.output<T> {
  return schema.parse(queryObject(url));
}
