/**
 * Names what is in a client chunk of the build, since Turbopack's file names are hashes:
 * - "framework" when the build manifest lists it among the root main files (React DOM, the Next.js
 *   router and runtime: every page loads them);
 * - the client components (`"use client"` modules of the project and of packages) whose module id
 *   the chunk defines, from the routes' client reference manifests;
 * - well-known packages recognised by strings their code carries.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { nextDistDir } from "@/server/env";

const SIGNATURES: Array<[string, RegExp]> = [
  ["react-dom", /hydrateRoot|react-dom/],
  ["next router", /__next_f|next-router-state-tree/],
  ["use-intl", /MISSING_MESSAGE|FORMATTING_ERROR/],
  ["@tanstack/react-query", /QueryClient/],
  ["zod", /ZodError/],
  ["yjs", /Y\.Doc|ydoc/],
  ["prosemirror/tiptap", /prosemirror|ProseMirror/],
];

export interface ChunkIndex {
  rootMainFiles: Set<string>;
  modulesById: Map<number, string>;
}

function readManifestObjects(file: string): unknown[] {
  const text = readFileSync(file, "utf8");
  const found: unknown[] = [];
  for (const match of text.matchAll(/\] = (\{[\s\S]*?\});?\s*(?:\n|$)/g)) {
    try {
      found.push(JSON.parse(match[1] as string));
    } catch {
      // not JSON
    }
  }
  return found;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith("_client-reference-manifest.js")) out.push(full);
  }
  return out;
}

export function loadChunkIndex(projectDir: string): ChunkIndex {
  const nextDir = path.join(projectDir, nextDistDir());
  const build = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles?: string[];
  };
  const rootMainFiles = new Set((build.rootMainFiles ?? []).map((file) => path.basename(file)));
  const modulesById = new Map<number, string>();
  for (const file of walk(path.join(nextDir, "server", "app"))) {
    for (const manifest of readManifestObjects(file)) {
      const clientModules = (manifest as { clientModules?: Record<string, { id?: number }> }).clientModules ?? {};
      for (const [name, entry] of Object.entries(clientModules)) {
        if (typeof entry.id !== "number") continue;
        const clean = name
          .replace(/^\[project\]\//, "")
          .replace(/ <.*>$/, "")
          .replace(/^node_modules\//, "");
        if (!modulesById.has(entry.id)) modulesById.set(entry.id, clean);
      }
    }
  }
  return { rootMainFiles, modulesById };
}

export function describeChunk(
  index: ChunkIndex,
  url: URL,
  body: string,
): { kind: "framework" | "app"; contains: string[] } {
  const file = path.basename(url.pathname);
  const contains = new Set<string>();
  for (const [name, pattern] of SIGNATURES) if (pattern.test(body)) contains.add(name);
  for (const match of body.matchAll(/[,[](\d+),(?:\([\w$]+(?:,[\w$]+)*\)|[\w$]+)=>/g)) {
    const name = index.modulesById.get(Number(match[1]));
    if (name) contains.add(name);
  }
  const list = [...contains];
  return {
    kind: index.rootMainFiles.has(file) ? "framework" : "app",
    contains: list.length > 8 ? [...list.slice(0, 8), `… ${list.length - 8} more`] : list,
  };
}
