/**
 * Reads a `multipart/form-data` session request as it streams: the part `session` (the JSON
 * request, as for application/json) and the part `file` (the DOCX or ODT), written to a private
 * temporary file and cut at IMPORT_MAX_BYTES (413 the moment it passes). The file never sits whole
 * in memory. Any other part, a second file or an oversized JSON part is a 400.
 */
import "server-only";
import { createWriteStream } from "node:fs";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import busboy from "busboy";
import { AppError } from "@/server/errors";

export interface MultipartSession {
  sessionJson: string;
  file: { path: string; fileName: string; size: number } | null;
}

const MAX_JSON_BYTES = 1024 * 1024;

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", {
    userMessage: `file too large: at most ${Math.floor(maxBytes / 1024 ** 2)} MB`,
  });
}

export function receiveMultipartSession(
  req: IncomingMessage,
  dir: string,
  maxFileBytes: number,
): Promise<MultipartSession> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: 1,
          fields: 1,
          parts: 3,
          fieldSize: MAX_JSON_BYTES,
          fileSize: maxFileBytes + 1,
          headerPairs: 20,
        },
      });
    } catch {
      reject(new AppError("BAD_REQUEST", { userMessage: "malformed multipart/form-data (missing boundary?)" }));
      return;
    }
    let sessionJson: string | null = null;
    let file: MultipartSession["file"] = null;
    let fileDone: Promise<void> = Promise.resolve();
    let failed = false;
    const fail = (error: AppError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      reject(error);
    };
    parser.on("field", (name, value, info) => {
      if (name !== "session")
        return fail(
          new AppError("BAD_REQUEST", {
            userMessage: `unexpected form field "${name.slice(0, 40)}": expected "session" and "file"`,
          }),
        );
      if (info.valueTruncated)
        return fail(new AppError("PAYLOAD_TOO_LARGE", { userMessage: "the session part is too large (1 MB at most)" }));
      sessionJson = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file") {
        stream.resume();
        return fail(
          new AppError("BAD_REQUEST", { userMessage: `unexpected file part "${name.slice(0, 40)}": expected "file"` }),
        );
      }
      const target = path.join(dir, "upload");
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          callback(size > maxFileBytes ? tooLarge(maxFileBytes) : null, chunk);
        },
      });
      fileDone = pipeline(stream, counter, createWriteStream(target, { mode: 0o600 })).then(
        () => {
          file = { path: target, fileName: info.filename || "document.docx", size };
        },
        (error: unknown) => {
          stream.resume();
          fail(
            error instanceof AppError
              ? error
              : new AppError("BAD_REQUEST", { userMessage: "the upload was interrupted" }),
          );
        },
      );
    });
    parser.on("filesLimit", () => fail(new AppError("BAD_REQUEST", { userMessage: "send one file only" })));
    parser.on("fieldsLimit", () => fail(new AppError("BAD_REQUEST", { userMessage: "send one session part only" })));
    parser.on("partsLimit", () =>
      fail(new AppError("BAD_REQUEST", { userMessage: "expected two parts: session and file, nothing else" })),
    );
    parser.on("error", () => fail(new AppError("BAD_REQUEST", { userMessage: "malformed multipart/form-data body" })));
    parser.on("close", () => {
      void fileDone.then(() => {
        if (failed) return;
        if (sessionJson === null)
          return fail(
            new AppError("BAD_REQUEST", { userMessage: 'missing the multipart part "session" (the JSON request)' }),
          );
        if (file && file.size === 0) return fail(new AppError("BAD_REQUEST", { userMessage: "the file is empty" }));
        resolve({ sessionJson, file });
      });
    });
    req.on("aborted", () => fail(new AppError("BAD_REQUEST", { userMessage: "the upload was interrupted" })));
    req.pipe(parser);
  });
}
