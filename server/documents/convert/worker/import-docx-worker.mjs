// Runs import-docx.ts (mammoth + tiptap's HTML parser) in a worker thread, so that reading a large
// Word document never blocks the portal's event loop and can be stopped at its deadline
// (run-import-docx.ts terminates the thread). Plain JavaScript because a worker starts without the
// parent's TypeScript loader: it loads the TypeScript module through tsx's API, and resolves the
// `server-only` marker to an empty module as the portal's outer process does
// (server/http/allow-server-only.ts).
import { registerHooks } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === "server-only") return { url: "data:text/javascript,export%20%7B%7D", shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

try {
  const { importDocx } = await tsImport("../import-docx.ts", import.meta.url);
  const docx = Buffer.from(workerData.docx.buffer, workerData.docx.byteOffset, workerData.docx.byteLength);
  const result = await importDocx(docx, { maxImageBytes: workerData.maxImageBytes });
  parentPort.postMessage({ ok: true, result });
} catch (error) {
  const appError = error && error.name === "AppError" ? { code: error.code, userMessage: error.userMessage } : null;
  parentPort.postMessage({ ok: false, appError, message: appError ? null : String(error && error.message) });
}
