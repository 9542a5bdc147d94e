/**
 * The request body as the stream a storage adapter consumes, through the DeclaredLengthGuard.
 * Callback `pipeline` (not `.pipe`) so that a client cutting the upload destroys the stream the
 * adapter reads, with the error, and the adapter drops its partial file.
 */
import type { IncomingMessage } from "node:http";
import { pipeline, type Readable } from "node:stream";
import { DeclaredLengthGuard } from "@/server/files/http/request-body";

export function guardedBody(req: IncomingMessage, declared: number): Readable {
  const guard = new DeclaredLengthGuard(declared);
  pipeline(req, guard, () => {
    // Errors reach the adapter through `guard`, which pipeline destroys with them.
  });
  return guard;
}
