// Small parts of the collaboration server and its browser module: both sides agree on refusal
// reasons and names; the wire parser; the fallback's framing; the transport chooser's switching;
// the collaboration token.
import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import { SignJWT } from "jose";
import {
  COLLAB_REFUSAL_REASONS,
  collabWebSocketUrl,
  commentsDocumentName,
  fallbackBaseUrl,
} from "@/components/documents/collab/collab-protocol";
import { TransportChooser } from "@/components/documents/collab/transport-chooser";
import { HttpFallbackSocket } from "@/components/documents/collab/http-fallback-socket";
import { COLLAB_CLOSE_CODES, COLLAB_REFUSALS } from "@/server/collab/collab-context";
import { issueCollabToken, verifyCollabToken } from "@/server/collab/collab-token";
import { parseDocumentName } from "@/server/collab/document-names";
import { decodeFramedMessages } from "@/server/collab/http-fallback";
import { messageRateGate } from "@/server/collab/client-socket";
import { changeSize, isSyncStatus } from "@/server/collab/wire-message";
import { canWrite } from "@/server/collab/auth-extension";

const ID = "0b7c3c7e-3f0e-4d7a-9a55-1c2d3e4f5a6b";

describe("protocol shared by server and browser", () => {
  it("uses the same refusal reasons on both sides, each with an application close code", () => {
    expect([...Object.values(COLLAB_REFUSALS)].sort()).toEqual([...COLLAB_REFUSAL_REASONS].sort());
    for (const reason of COLLAB_REFUSAL_REASONS) expect(COLLAB_CLOSE_CODES[reason]).toBeGreaterThanOrEqual(4000);
  });

  it("names documents and endpoints", () => {
    expect(parseDocumentName(ID)).toEqual({ documentId: ID, part: "content" });
    expect(parseDocumentName(commentsDocumentName(ID))).toEqual({ documentId: ID, part: "comments" });
    for (const bad of ["", "x", `${ID}.other`, `${ID}:comments`, `${ID.toUpperCase()}`])
      expect(parseDocumentName(bad)).toBeNull();
    expect(collabWebSocketUrl("https://portail.chu.fr", ID)).toBe(`wss://portail.chu.fr/collab/${ID}`);
    expect(fallbackBaseUrl(`wss://portail.chu.fr/collab/${ID}`)).toBe(`https://portail.chu.fr/collab/http/${ID}`);
  });

  it("lets editors and owners write the content, commenters only the comments", () => {
    expect(["reader", "commenter", "editor", "owner"].map((role) => canWrite(role as "reader", "content"))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(["reader", "commenter", "editor", "owner"].map((role) => canWrite(role as "reader", "comments"))).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });
});

describe("wire messages", () => {
  const message = (type: number, ...rest: Array<(encoder: encoding.Encoder) => void>) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, ID);
    encoding.writeVarUint(encoder, type);
    for (const write of rest) write(encoder);
    return encoding.toUint8Array(encoder);
  };

  it("recognises acknowledgements and measures changes", () => {
    expect(isSyncStatus(message(8, (e) => encoding.writeVarUint(e, 1)))).toBe(true);
    expect(isSyncStatus(message(1))).toBe(false);
    const update = new Uint8Array(300).fill(7);
    const sync = (subType: number) =>
      message(
        0,
        (e) => encoding.writeVarUint(e, subType),
        (e) => encoding.writeVarUint8Array(e, update),
      );
    expect(changeSize(sync(2))).toBe(300);
    expect(changeSize(sync(1))).toBe(300);
    expect(changeSize(sync(0))).toBe(0);
    expect(changeSize(new Uint8Array([200]))).toBe(0);
    expect(changeSize(new Uint8Array())).toBe(0);
  });

  it("frames and unframes fallback messages, refusing malformed bodies", () => {
    expect(decodeFramedMessages(new Uint8Array([2, 9, 9, 1, 5]))).toEqual([
      new Uint8Array([9, 9]),
      new Uint8Array([5]),
    ]);
    for (const bad of [[3, 1], [0], [0x80]]) expect(() => decodeFramedMessages(new Uint8Array(bad))).toThrow(/framing/);
  });

  it("limits messages per second with a one-second burst", () => {
    let now = 0;
    const admit = messageRateGate(10, () => now);
    const first = Array.from({ length: 12 }, () => admit());
    expect(first.filter(Boolean)).toHaveLength(10);
    now += 500;
    expect(Array.from({ length: 6 }, () => admit()).filter(Boolean)).toHaveLength(5);
  });
});

describe("transport chooser", () => {
  /** A WebSocket stand-in that fails to open (as behind a proxy refusing upgrades). */
  class FailingSocket extends EventTarget {
    readyState = 0;
    readonly url: string;
    constructor(url: string) {
      super();
      this.url = url;
      queueMicrotask(() => {
        this.dispatchEvent(new Event("error"));
        this.dispatchEvent(new Event("close"));
      });
    }
    close() {}
  }

  it("switches to HTTP after a WebSocket fails to open, and remembers it for the tab", async () => {
    const stored = new Map<string, string>();
    const storage = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    };
    const changes: string[] = [];
    const chooser = new TransportChooser({
      WebSocket: FailingSocket as unknown as typeof WebSocket,
      storage,
      onChange: (kind) => changes.push(kind),
      fetch: async () => new Response(null, { status: 503 }),
    });
    const Socket = chooser.socketClass();
    expect(new Socket(`ws://127.0.0.1:9/collab/${ID}`)).toBeInstanceOf(FailingSocket);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(chooser.kind).toBe("http");
    expect(changes).toEqual(["http"]);
    const next = new Socket(`ws://127.0.0.1:9/collab/${ID}`) as HttpFallbackSocket;
    expect(next).toBeInstanceOf(HttpFallbackSocket);
    next.close();
    expect(new TransportChooser({ storage }).kind).toBe("http");
  });

  it("stays on the forced transport", async () => {
    const chooser = new TransportChooser({
      WebSocket: FailingSocket as unknown as typeof WebSocket,
      initial: "websocket",
      forced: true,
      storage: null,
    });
    const Socket = chooser.socketClass();
    new Socket(`ws://127.0.0.1:9/collab/${ID}`);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(chooser.kind).toBe("websocket");
  });
});

describe("collaboration token", () => {
  const secret = "a-secret-of-at-least-thirty-two-characters!";
  const claims = { userId: ID, displayName: "Alice Martin", documentId: ID, role: "editor" as const, linkId: null };

  it("round-trips its claims, the portal session it was issued to, and its validity window", async () => {
    const { token, issuedAt, expiresAt } = await issueCollabToken(claims, { secret, ttlSeconds: 60 });
    expect(expiresAt.getTime() - issuedAt.getTime()).toBe(60_000);
    expect(await verifyCollabToken(token, secret)).toEqual({ ...claims, sessionId: null, issuedAt, expiresAt });
    const sessionId = "ab".repeat(32);
    const bound = await issueCollabToken({ ...claims, sessionId }, { secret, ttlSeconds: 60 });
    expect((await verifyCollabToken(bound.token, secret))?.sessionId).toBe(sessionId);
  });

  it("is refused from the second it expires (the clock tolerance never extends a token's life)", async () => {
    const { token, expiresAt } = await issueCollabToken(claims, { secret, ttlSeconds: 60 });
    expect(await verifyCollabToken(token, secret, expiresAt.getTime() - 1)).not.toBeNull();
    expect(await verifyCollabToken(token, secret, expiresAt.getTime())).toBeNull();
    expect(await verifyCollabToken(token, secret, expiresAt.getTime() + 2000)).toBeNull();
  });

  it("refuses an expired token, another key, a tampered token, and a token for another audience", async () => {
    const expired = (await issueCollabToken(claims, { secret, ttlSeconds: -60 })).token;
    expect(await verifyCollabToken(expired, secret)).toBeNull();
    const { token } = await issueCollabToken(claims, { secret, ttlSeconds: 60 });
    expect(await verifyCollabToken(token, `${secret}x`)).toBeNull();
    const [header, , signature] = token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ sub: ID, doc: ID, role: "owner", name: "x" })).toString(
      "base64url",
    );
    expect(await verifyCollabToken(`${header}.${forgedPayload}.${signature}`, secret)).toBeNull();
    const otherAudience = await new SignJWT({ doc: ID, role: "owner", name: "x" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(ID)
      .setAudience("something-else")
      .setExpirationTime("1m")
      .sign(new TextEncoder().encode(secret));
    expect(await verifyCollabToken(otherAudience, secret)).toBeNull();
    expect(await verifyCollabToken("", secret)).toBeNull();
  });
});
