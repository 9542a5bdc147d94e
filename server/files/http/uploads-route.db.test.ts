// Resumable uploads over real HTTP against the local adapter: start, chunks, a chunk cut by the
// network, resume from the session's `received`, a wrong offset (409 carrying the session),
// completion, cancel, and the limits (413 for a file or chunk too large).
import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHUNK_BYTES,
  MAX_UPLOAD_BYTES,
  startFilesHttpFixture,
  type FilesHttpFixture,
} from "@/server/files/http/files-http-fixture";

let fixture: FilesHttpFixture;

beforeAll(async () => {
  fixture = await startFilesHttpFixture();
}, 180_000);
afterAll(async () => {
  await fixture.close();
});

interface Session {
  id: string;
  path: string;
  size: number;
  received: number;
  expiresAt: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function startUpload(body: unknown, cookie = fixture.alice.cookie): Promise<Response> {
  return fetch(`${fixture.origin}/api/files/uploads`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function sendChunk(
  id: string,
  offset: number,
  bytes: Uint8Array,
  cookie = fixture.alice.cookie,
): Promise<Response> {
  return fetch(`${fixture.origin}/api/files/uploads/${id}?offset=${offset}`, {
    method: "PUT",
    headers: { cookie },
    body: new Uint8Array(bytes),
  });
}

/** A chunk whose connection dies after `sent` of its declared bytes (a network cut). */
function sendCutChunk(id: string, offset: number, declared: number, sent: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(`${fixture.origin}/api/files/uploads/${id}?offset=${offset}`, {
      method: "PUT",
      headers: { cookie: fixture.alice.cookie, "content-length": declared },
    });
    req.on("error", () => resolve());
    req.on("response", () => resolve());
    req.write(sent, () => setTimeout(() => req.destroy(), 150));
  });
}

describe("resumable uploads", () => {
  it("survives a cut chunk: resumes at `received`, refuses a wrong offset with the session, completes intact", async () => {
    const file = randomBytes(2 * CHUNK_BYTES + 12_345);
    const started = await startUpload({ path: "/scanner.bin", size: file.length });
    expect(started.status).toBe(201);
    const session = (await started.json()) as Session;
    expect(session).toMatchObject({ path: "/scanner.bin", size: file.length, received: 0 });

    const first = await sendChunk(session.id, 0, file.subarray(0, CHUNK_BYTES));
    expect(first.status).toBe(200);
    expect(((await first.json()) as Session).received).toBe(CHUNK_BYTES);

    await sendCutChunk(session.id, CHUNK_BYTES, CHUNK_BYTES, file.subarray(CHUNK_BYTES, CHUNK_BYTES + 1_000_000));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const resumed = await fetch(`${fixture.origin}/api/files/uploads/${session.id}`, {
      headers: { cookie: fixture.alice.cookie },
    });
    expect(resumed.status).toBe(200);
    const { received } = (await resumed.json()) as Session;
    expect(received).toBeGreaterThanOrEqual(CHUNK_BYTES);
    expect(received).toBeLessThan(2 * CHUNK_BYTES);

    const wrong = await sendChunk(session.id, received + 7, file.subarray(received + 7, received + 100));
    expect(wrong.status).toBe(409);
    expect(await wrong.json()).toMatchObject({
      error: { code: "CONFLICT", session: { id: session.id, received } },
    });

    let offset = received;
    while (offset < file.length) {
      const end = Math.min(offset + CHUNK_BYTES, file.length);
      const chunk = await sendChunk(session.id, offset, file.subarray(offset, end));
      expect(chunk.status).toBe(200);
      offset = ((await chunk.json()) as Session).received;
      expect(offset).toBe(end);
    }
    const completed = await fetch(`${fixture.origin}/api/files/uploads/${session.id}/complete`, {
      method: "POST",
      headers: { cookie: fixture.alice.cookie },
    });
    expect(completed.status).toBe(201);
    expect(await completed.json()).toMatchObject({ path: "/scanner.bin", size: file.length, kind: "file" });

    const content = await fetch(`${fixture.origin}/api/files/content?path=${encodeURIComponent("/scanner.bin")}`, {
      headers: { cookie: fixture.alice.cookie },
    });
    expect(sha256(Buffer.from(await content.arrayBuffer()))).toBe(sha256(file));
  });

  it("cancels a session (204), after which it is gone (404)", async () => {
    const session = (await (await startUpload({ path: "/annule.bin", size: 10 })).json()) as Session;
    const cancelled = await fetch(`${fixture.origin}/api/files/uploads/${session.id}`, {
      method: "DELETE",
      headers: { cookie: fixture.alice.cookie },
    });
    expect(cancelled.status).toBe(204);
    const gone = await fetch(`${fixture.origin}/api/files/uploads/${session.id}`, {
      headers: { cookie: fixture.alice.cookie },
    });
    expect(gone.status).toBe(404);
  });

  it("does not let another user see or feed someone's upload session", async () => {
    const session = (await (await startUpload({ path: "/prive.bin", size: 10 })).json()) as Session;
    const peek = await fetch(`${fixture.origin}/api/files/uploads/${session.id}`, {
      headers: { cookie: fixture.bob.cookie },
    });
    expect(peek.status).toBe(404);
    const feed = await sendChunk(session.id, 0, Buffer.from("0123456789"), fixture.bob.cookie);
    expect(feed.status).toBe(404);
  });

  it("answers 413 for a file above the maximum and for a chunk above FILES_CHUNK_BYTES", async () => {
    const tooBig = await startUpload({ path: "/trop-gros.bin", size: MAX_UPLOAD_BYTES + 1 });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    const session = (await (await startUpload({ path: "/gros-bout.bin", size: MAX_UPLOAD_BYTES })).json()) as Session;
    const chunk = await sendChunk(session.id, 0, new Uint8Array(CHUNK_BYTES + 1));
    expect(chunk.status).toBe(413);
    expect(await chunk.json()).toMatchObject({ error: { message: `chunk too large: at most ${CHUNK_BYTES} bytes` } });
  });
});
