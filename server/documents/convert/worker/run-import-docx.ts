/**
 * Reads a DOCX into a portal document in a worker thread (import-docx-worker.mjs), with a deadline
 * and a memory ceiling: mammoth and the HTML parser are synchronous, CPU-bound JavaScript (a
 * 5 MB document.xml takes several seconds), which on the portal's own thread would stall every
 * other request. In a worker the event loop stays free, the deadline really stops the work
 * (`terminate`), and a document that needs more than the heap ceiling fails alone.
 *
 * At most two imports run at once per process; the others wait (bounded), like LibreOffice's queue.
 */
import "server-only";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "@/server/errors";
import type { ImportedContent } from "@/server/documents/convert/import-docx";

const MAX_RUNNING = 2;
const MAX_WAITING = 16;
/** Heap ceiling of one import, in MB: a 200 MB document.xml (the zip guard's limit) does not fit. */
const HEAP_LIMIT_MB = 768;

let running = 0;
const waiting: Array<() => void> = [];

async function acquire(): Promise<void> {
  if (running < MAX_RUNNING) {
    running += 1;
    return;
  }
  if (waiting.length >= MAX_WAITING) {
    throw new AppError("TOO_MANY_REQUESTS", { userMessage: "too many imports at once; try again in a minute" });
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running -= 1;
}

type WorkerAnswer =
  | { ok: true; result: ImportedContent }
  | { ok: false; appError: { code: ErrorCode; userMessage: string } | null; message: string | null };

/** Structured clone turns Buffers into Uint8Arrays; the image store expects Buffers. */
function withBuffers(result: ImportedContent): ImportedContent {
  return {
    ...result,
    images: result.images.map((image) => ({
      ...image,
      upload: {
        ...image.upload,
        data: Buffer.from(image.upload.data.buffer, image.upload.data.byteOffset, image.upload.data.byteLength),
      },
    })),
  };
}

export async function runImportDocx(
  docx: Buffer,
  options: { maxImageBytes: number; timeoutMs: number },
): Promise<ImportedContent> {
  await acquire();
  try {
    return await new Promise<ImportedContent>((resolve, reject) => {
      const worker = new Worker(new URL("./import-docx-worker.mjs", import.meta.url), {
        workerData: { docx, maxImageBytes: options.maxImageBytes },
        resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
        stdout: false,
        stderr: false,
      });
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        outcome();
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new AppError("BACKEND_TIMEOUT", { userMessage: "the file took too long to read; it was not imported" }),
            ),
          ),
        options.timeoutMs,
      );
      worker.once("message", (answer: WorkerAnswer) =>
        finish(() => {
          if (answer.ok) resolve(withBuffers(answer.result));
          else if (answer.appError)
            reject(new AppError(answer.appError.code, { userMessage: answer.appError.userMessage }));
          else reject(new Error(`import worker failed: ${answer.message ?? "unknown"}`));
        }),
      );
      worker.once("error", (error: Error & { code?: string }) =>
        finish(() =>
          reject(
            error.code === "ERR_WORKER_OUT_OF_MEMORY"
              ? new AppError("PAYLOAD_TOO_LARGE", { userMessage: "the file is too large to read; it was not imported" })
              : error,
          ),
        ),
      );
      worker.once("exit", (code) => finish(() => reject(new Error(`import worker exited with ${code}`))));
    });
  } finally {
    release();
  }
}
