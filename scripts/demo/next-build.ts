/**
 * Runs `next build` only when needed: when .next/BUILD_ID is missing or older than any source file
 * the build depends on. A full build takes a minute; most `npm run demo` runs need none.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { nextDistDir } from "@/server/env";

const SOURCE_DIRS = ["app", "components", "server", "integrations", "i18n", "public", "lib"];
const SOURCE_FILES = [
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "proxy.ts",
  "middleware.ts",
  "instrumentation.ts",
];
/** Tests do not go into the build; editing one must not trigger a rebuild. */
const IGNORED = /\.test\.tsx?$/;

async function newestMtime(target: string): Promise<{ mtimeMs: number; file: string }> {
  let newest = { mtimeMs: 0, file: "" };
  let entries;
  try {
    entries = await readdir(target, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) {
      const inner = await newestMtime(full);
      if (inner.mtimeMs > newest.mtimeMs) newest = inner;
    } else if (entry.isFile() && !IGNORED.test(entry.name)) {
      const { mtimeMs } = await stat(full);
      if (mtimeMs > newest.mtimeMs) newest = { mtimeMs, file: full };
    }
  }
  return newest;
}

/** Why a build is needed, or null when .next is up to date. */
export async function staleBuildReason(projectDir: string): Promise<string | null> {
  const buildId = path.join(projectDir, nextDistDir(), "BUILD_ID");
  if (!existsSync(buildId)) return "no build yet (.next/BUILD_ID is missing)";
  const builtAt = (await stat(buildId)).mtimeMs;
  let newest = { mtimeMs: 0, file: "" };
  for (const dir of SOURCE_DIRS) {
    const candidate = await newestMtime(path.join(projectDir, dir));
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  for (const file of SOURCE_FILES) {
    const full = path.join(projectDir, file);
    if (existsSync(full)) {
      const { mtimeMs } = await stat(full);
      if (mtimeMs > newest.mtimeMs) newest = { mtimeMs, file: full };
    }
  }
  return newest.mtimeMs > builtAt ? `${path.relative(projectDir, newest.file)} changed since the last build` : null;
}

/** Runs `next build` with the same Node as this process; rejects when it fails. */
export function runNextBuild(projectDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const nextBin = path.join(projectDir, "node_modules", "next", "dist", "bin", "next");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], { cwd: projectDir, env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}
