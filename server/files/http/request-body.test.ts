import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { DeclaredLengthGuard } from "@/server/files/http/request-body";

async function through(chunks: string[], declared: number): Promise<{ received: string; error: unknown }> {
  let received = "";
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.toString();
      callback();
    },
  });
  const error = await pipeline(
    Readable.from(chunks.map((chunk) => Buffer.from(chunk))),
    new DeclaredLengthGuard(declared),
    sink,
  ).then(
    () => null,
    (failure: unknown) => failure,
  );
  return { received, error };
}

describe("DeclaredLengthGuard", () => {
  it("passes a body of exactly its declared length", async () => {
    expect(await through(["hello ", "world"], 11)).toEqual({ received: "hello world", error: null });
  });

  it("cuts a body that runs past its declared length (413), before the extra bytes pass", async () => {
    const { received, error } = await through(["hello ", "world", "!!!"], 11);
    expect(received).toBe("hello world");
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", userMessage: "body is longer than its Content-Length" });
  });

  it("refuses a body that ends short of its declared length (400)", async () => {
    const { error } = await through(["hello"], 11);
    expect(error).toMatchObject({ code: "BAD_REQUEST", userMessage: "body ended before its Content-Length" });
  });
});
