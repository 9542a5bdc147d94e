import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { ifNoneMatchHits, isNotModified, rangeStillApplies } from "@/server/files/http/conditional";

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

const etag = '"v1"';
const lastModified = "2026-11-30T10:00:00.500Z";

describe("conditional requests", () => {
  it("If-None-Match: weak comparison, lists and *", () => {
    expect(ifNoneMatchHits('"v1"', etag)).toBe(true);
    expect(ifNoneMatchHits('W/"v1"', etag)).toBe(true);
    expect(ifNoneMatchHits('"v0", "v1"', etag)).toBe(true);
    expect(ifNoneMatchHits("*", etag)).toBe(true);
    expect(ifNoneMatchHits('"v2"', etag)).toBe(false);
  });

  it("If-Modified-Since counts only without If-None-Match, to the second", () => {
    expect(isNotModified(request({ "if-modified-since": "Mon, 30 Nov 2026 10:00:00 GMT" }), etag, lastModified)).toBe(
      true,
    );
    expect(isNotModified(request({ "if-modified-since": "Mon, 30 Nov 2026 09:59:59 GMT" }), etag, lastModified)).toBe(
      false,
    );
    expect(
      isNotModified(
        request({ "if-modified-since": "Mon, 30 Nov 2026 10:00:00 GMT", "if-none-match": '"v0"' }),
        etag,
        lastModified,
      ),
    ).toBe(false);
    expect(isNotModified(request({ "if-modified-since": "yesterday" }), etag, lastModified)).toBe(false);
  });

  it("If-Range: strong entity-tag comparison or the exact date", () => {
    expect(rangeStillApplies(request({}), etag, lastModified)).toBe(true);
    expect(rangeStillApplies(request({ "if-range": '"v1"' }), etag, lastModified)).toBe(true);
    expect(rangeStillApplies(request({ "if-range": 'W/"v1"' }), etag, lastModified)).toBe(false);
    expect(rangeStillApplies(request({ "if-range": '"v0"' }), etag, lastModified)).toBe(false);
    expect(rangeStillApplies(request({ "if-range": "Mon, 30 Nov 2026 10:00:00 GMT" }), etag, lastModified)).toBe(true);
    expect(rangeStillApplies(request({ "if-range": "Mon, 30 Nov 2026 09:00:00 GMT" }), etag, lastModified)).toBe(false);
  });
});
