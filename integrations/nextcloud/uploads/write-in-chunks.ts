/**
 * Cuts one incoming stream of a declared size into consecutive chunks of `chunkBytes` and hands
 * each to `append` as a stream of its own, one after the other, with backpressure all the way: at
 * most one chunk's worth of socket buffers is in flight, never a whole chunk in memory.
 *
 * A body shorter or longer than declared is refused (BAD_REQUEST): a cut upload must not be
 * assembled into a truncated file.
 */
import "server-only";
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { AppError } from "@/server/errors";

/** Called once per chunk, in order: its first byte's offset, its bytes, its length, its number (1, 2, 3…). */
export type AppendChunk = (offset: number, chunk: Readable, length: number, number: number) => Promise<unknown>;

export async function writeInChunks(
  body: Readable,
  size: number,
  chunkBytes: number,
  append: AppendChunk,
): Promise<void> {
  let offset = 0;
  let number = 0;
  let current: { stream: PassThrough; done: Promise<unknown>; length: number; written: number } | null = null;

  const open = () => {
    const length = Math.min(chunkBytes, size - offset);
    const stream = new PassThrough({ highWaterMark: 256 * 1024 });
    number += 1;
    const done = append(offset, stream, length, number);
    // Observed here so a failure while we are between writes is not an unhandled rejection.
    done.catch(() => undefined);
    current = { stream, done, length, written: 0 };
    return current;
  };

  const finish = async () => {
    if (!current) return;
    const chunk = current;
    current = null;
    chunk.stream.end();
    await chunk.done;
    offset += chunk.length;
  };

  try {
    for await (const data of body as AsyncIterable<Buffer>) {
      let buffer = data;
      while (buffer.length > 0) {
        if (offset >= size)
          throw new AppError("BAD_REQUEST", { userMessage: "the body is longer than its declared size" });
        const chunk = current ?? open();
        const room = chunk.length - chunk.written;
        const part = buffer.subarray(0, room);
        buffer = buffer.subarray(part.length);
        chunk.written += part.length;
        if (!chunk.stream.write(part)) {
          // Wait for the request to take the bytes, or for it to fail.
          await Promise.race([once(chunk.stream, "drain"), chunk.done]);
        }
        if (chunk.written === chunk.length) await finish();
      }
    }
    if (current) await finish();
    if (offset !== size)
      throw new AppError("BAD_REQUEST", { userMessage: "the body is shorter than its declared size" });
  } catch (error) {
    const chunk = current as { stream: PassThrough } | null;
    chunk?.stream.destroy(error instanceof Error ? error : undefined);
    body.destroy();
    throw error;
  }
}
