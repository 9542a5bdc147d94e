/**
 * Maps a request to the labels used in metrics and request logs.
 *
 * Labels must have low cardinality and carry no user content: a path such as
 * `/files/Compte-rendu Dupont.docx` would put a patient's name in Prometheus and explode its series.
 * So a path is labelled by the app route that serves it, with Next's placeholders kept as written
 * (`/files/[...path]`); build assets share one label; anything else is `other`.
 *
 * Why no `import "server-only"`: the custom server (server/main.ts) imports this file outside
 * Next's React server bundle, where that package throws (see server/observability/metrics.ts).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const OTHER_ROUTE = "other";
const NEXT_STATIC_ROUTE = "/_next/static/*";
const NEXT_IMAGE_ROUTE = "/_next/image";
const NEXT_INTERNAL_ROUTE = "/_next/*";
const PUBLIC_FILE_ROUTE = "/public/*";

/** Methods kept as their own label; anything else (a scanner's `FOO`) is `OTHER`. */
const KNOWN_METHODS = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
  // WebDAV verbs, which the files proxy will forward.
  "PROPFIND",
  "PROPPATCH",
  "MKCOL",
  "COPY",
  "MOVE",
  "LOCK",
  "UNLOCK",
  "REPORT",
]);

export function labelMethod(method: string | undefined): string {
  const upper = (method ?? "").toUpperCase();
  return KNOWN_METHODS.has(upper) ? upper : "OTHER";
}

type SegmentKind = 0 | 1 | 2 | 3; // static, [param], [...param], [[...param]]

interface CompiledRoute {
  label: string;
  segments: Array<{ kind: SegmentKind; text: string }>;
}

function kindOf(segment: string): SegmentKind {
  if (segment.startsWith("[[...") && segment.endsWith("]]")) return 3;
  if (segment.startsWith("[...") && segment.endsWith("]")) return 2;
  if (segment.startsWith("[") && segment.endsWith("]")) return 1;
  return 0;
}

function splitPath(pathname: string): string[] {
  return pathname.split("/").filter((segment) => segment.length > 0);
}

/** Route groups `(shell)` and parallel slots `@modal` do not appear in URLs. */
function compile(route: string): CompiledRoute {
  const segments = splitPath(route)
    .filter((segment) => !(segment.startsWith("(") && segment.endsWith(")")) && !segment.startsWith("@"))
    .map((text) => ({ kind: kindOf(text), text }));
  const label = segments.length === 0 ? "/" : `/${segments.map((segment) => segment.text).join("/")}`;
  return { label, segments };
}

/** Next's precedence: a static segment beats `[param]`, which beats catch-alls. */
function compareSpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let index = 0; index < length; index += 1) {
    const left = a.segments[index];
    const right = b.segments[index];
    if (!left || !right) return left ? -1 : 1;
    if (left.kind !== right.kind) return left.kind - right.kind;
  }
  return 0;
}

function matches(route: CompiledRoute, parts: readonly string[]): boolean {
  for (let index = 0; index < route.segments.length; index += 1) {
    const segment = route.segments[index];
    if (!segment) return false;
    if (segment.kind === 3) return true;
    if (segment.kind === 2) return parts.length > index;
    const part = parts[index];
    if (part === undefined) return false;
    if (segment.kind === 0 && part !== segment.text) return false;
  }
  return parts.length === route.segments.length;
}

export interface RouteLabeler {
  /** Label of a request URL (`/files/a/b?x=1` → `/files/[...path]`). Never throws. */
  labelUrl: (url: string | undefined) => string;
}

/**
 * @param appRoutes routes as Next writes them (`/api/ready`, `/files/[...path]`)
 * @param publicFiles URL paths of the files under public/ (`/brand/logo.svg`)
 */
export function createRouteLabeler(appRoutes: readonly string[], publicFiles: readonly string[] = []): RouteLabeler {
  const routes = appRoutes.map(compile).sort(compareSpecificity);
  const exact = new Map(
    routes.filter((route) => route.segments.every((s) => s.kind === 0)).map((r) => [r.label, r.label]),
  );
  const publicSet = new Set(publicFiles);

  const labelPath = (pathname: string): string => {
    if (pathname.startsWith("/_next/static/")) return NEXT_STATIC_ROUTE;
    if (pathname === "/_next/image") return NEXT_IMAGE_ROUTE;
    if (pathname.startsWith("/_next/")) return NEXT_INTERNAL_ROUTE;
    if (publicSet.has(pathname)) return PUBLIC_FILE_ROUTE;
    const parts = splitPath(pathname);
    const normalised = parts.length === 0 ? "/" : `/${parts.join("/")}`;
    const known = exact.get(normalised);
    if (known) return known;
    return routes.find((route) => matches(route, parts))?.label ?? OTHER_ROUTE;
  };

  return {
    labelUrl: (url) => {
      if (!url) return OTHER_ROUTE;
      try {
        // Absolute-form targets (`GET http://host/x`) and origin-form both parse against a dummy base.
        return labelPath(new URL(url, "http://portal.invalid").pathname);
      } catch {
        return OTHER_ROUTE;
      }
    },
  };
}

const ZAppPathRoutesManifest = z.record(z.string(), z.string());

/** The app routes of a build, from `.next/app-path-routes-manifest.json` (none before a build). */
export function readAppRoutes(distDir: string): string[] {
  try {
    const manifest = ZAppPathRoutesManifest.parse(
      JSON.parse(readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8")),
    );
    return [...new Set(Object.values(manifest))];
  } catch {
    return [];
  }
}

/** URL paths of the files shipped under public/ (a fixed set: they are part of the release). */
export function readPublicFiles(publicDir: string): string[] {
  try {
    return readdirSync(publicDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map(
        (entry) => `/${path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`,
      );
  } catch {
    return [];
  }
}
