/**
 * Runs LibreOffice headless to convert one file (DOCX → ODT/PDF for export, ODT → DOCX for import,
 * anything → text/HTML for the tests' independent reader).
 *
 * Why each precaution:
 * - Its own profile per conversion (`-env:UserInstallation`): two soffice processes sharing a
 *   profile at the same moment make one of them exit 1 with no output and no message.
 * - A fresh process group (`detached`) killed whole on timeout: `soffice` is a script that starts
 *   oosplash and soffice.bin; killing only the first would leave the real worker running.
 * - A concurrency limit with a bounded queue: a conversion takes ~1 s of a core and ~200 MB, so a
 *   burst of exports must wait its turn, and past the queue's length is refused (429) rather than
 *   piling up.
 * - `execFile`-style spawn with an argument array, never a shell string: file names never reach a
 *   shell. The input is always copied by the caller under a name the portal chose.
 * - Temporary files (profile, output folder when the caller asks for one) are removed afterwards.
 */
import "server-only";
import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { env } from "@/server/env";

export type LibreOfficeTarget = "pdf" | "odt" | "docx" | "txt" | "html";

export type LibreOfficeFailure = "timeout" | "failed" | "missing" | "busy";

/** A conversion that did not produce its output; `kind` says why (callers map it to a status). */
export class LibreOfficeError extends Error {
  override name = "LibreOfficeError";
  constructor(
    readonly kind: LibreOfficeFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface LibreOfficeConversion {
  /** File to convert; its extension tells LibreOffice the input format. */
  inputPath: string;
  /** Folder the output is written to (as `<input base name>.<target>`). */
  outDir: string;
  target: LibreOfficeTarget;
  /** PDF only: write PDF/A-2b (archival) instead of plain PDF. */
  pdfA?: boolean;
  /** Kill the conversion after this long (default 60 s). */
  timeoutMs?: number;
  /** The command to run (default LIBREOFFICE_PATH). */
  command?: string;
}

/** `--convert-to` argument for each target, with the filter named so LibreOffice never guesses. */
export function convertToArgument(target: LibreOfficeTarget, pdfA = false): string {
  switch (target) {
    case "pdf":
      // LibreOffice ≥ 7.4 takes filter options as JSON; SelectPdfVersion 2 = PDF/A-2b.
      return pdfA ? 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}' : "pdf:writer_pdf_Export";
    case "odt":
      return "odt:writer8";
    case "docx":
      return "docx:MS Word 2007 XML"; // no shell: no quotes around the filter name
    case "txt":
      return "txt:Text (encoded):UTF8";
    case "html":
      return "html:XHTML Writer File:UTF8";
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Conversions that may run at once in this process; the rest wait in the queue. */
const MAX_RUNNING = 2;
/** Conversions that may wait; past this the caller is told to retry later. */
const MAX_WAITING = 16;

let running = 0;
const waiting: Array<() => void> = [];

async function acquireSlot(): Promise<void> {
  if (running < MAX_RUNNING) {
    running += 1;
    return;
  }
  if (waiting.length >= MAX_WAITING) throw new LibreOfficeError("busy", "too many conversions waiting");
  // The slot is handed over by releaseSlot (running stays counted).
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running -= 1;
}

/** Converts one file and returns the output's path (inside `outDir`). */
export async function convertWithLibreOffice(conversion: LibreOfficeConversion): Promise<string> {
  await acquireSlot();
  try {
    return await runOnce(conversion);
  } finally {
    releaseSlot();
  }
}

async function runOnce(conversion: LibreOfficeConversion): Promise<string> {
  const profile = await mkdtemp(path.join(tmpdir(), "portal-lo-profile-"));
  try {
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--invisible",
      "--nologo",
      "--nodefault",
      "--nofirststartwizard",
      "--nolockcheck",
      "--norestore",
      "--convert-to",
      convertToArgument(conversion.target, conversion.pdfA),
      "--outdir",
      conversion.outDir,
      conversion.inputPath,
    ];
    await runProcess(
      conversion.command ?? env().LIBREOFFICE_PATH,
      args,
      profile,
      conversion.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const base = path.basename(conversion.inputPath, path.extname(conversion.inputPath));
    // turbopackIgnore: a runtime path in a temporary folder, not a project file to trace into the build.
    const expected = path.join(/* turbopackIgnore: true */ conversion.outDir, `${base}.${conversion.target}`);
    const size = await stat(/* turbopackIgnore: true */ expected).then(
      (info) => info.size,
      () => -1,
    );
    // LibreOffice exits 0 even when it could not load the input ("source file could not be loaded").
    if (size <= 0) throw new LibreOfficeError("failed", "LibreOffice produced no output");
    return expected;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

function runProcess(command: string, args: string[], home: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      // A minimal environment: nothing of the portal's (secrets) reaches LibreOffice.
      env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, LANG: "C.UTF-8" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString("utf8");
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === "ENOENT"
          ? new LibreOfficeError("missing", `LibreOffice not found (${command})`)
          : new LibreOfficeError("failed", error.message),
      );
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // Whatever the outcome, nothing of this conversion may outlive it.
      killGroup(child.pid);
      if (timedOut) reject(new LibreOfficeError("timeout", `conversion killed after ${timeoutMs} ms`));
      else if (code !== 0) {
        reject(new LibreOfficeError("failed", `LibreOffice exited with ${code ?? signal}: ${firstLine(stderr)}`));
      } else resolve();
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group is already gone.
  }
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length > 0 && !line.includes("javaldx")) ?? ""
  );
}

/** A private temporary folder for one conversion, removed by `dispose`. */
export async function createWorkDir(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-convert-"));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
