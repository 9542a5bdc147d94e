/**
 * Test support: a bare Hocuspocus-protocol client over Node's WebSocket that sends exactly the
 * bytes a test wants (PROTOCOLS.md §9) — to prove the server itself refuses what a modified
 * client would send, whatever the official provider does on its side.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const MESSAGE_SYNC_STATUS = 8;
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;
const AUTH_AUTHENTICATED = 2;
const SYNC_UPDATE = 2;

export interface RawClient {
  socket: WebSocket;
  /** Every message received, decoded to its type. */
  received: { type: number; bytes: Uint8Array }[];
  closed: Promise<{ code: number; reason: string }>;
  authenticate(token: string): Promise<"authenticated" | "denied">;
  sendUpdate(update: Uint8Array): void;
  send(bytes: Uint8Array): void;
  /** SyncStatus answers received so far (true = applied, false = refused). */
  syncStatuses(): boolean[];
  close(): void;
}

export async function openRawClient(origin: string, name: string): Promise<RawClient> {
  const documentId = name.split(".")[0] ?? name;
  const path = /^[0-9a-f-]{36}$/.test(documentId) ? `/collab/${documentId}` : "/collab";
  const socket = new WebSocket(`${origin.replace(/^http/, "ws")}${path}`);
  socket.binaryType = "arraybuffer";
  const received: RawClient["received"] = [];
  const waiters: (() => void)[] = [];
  socket.addEventListener("message", (event) => {
    const bytes = new Uint8Array(event.data as ArrayBuffer);
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarString(decoder);
    received.push({ type: decoding.readVarUint(decoder), bytes });
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error("raw client could not connect")), { once: true });
  });
  const send = (bytes: Uint8Array) => socket.send(bytes);
  return {
    socket,
    received,
    closed,
    send,
    async authenticate(token) {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, name);
      encoding.writeVarUint(encoder, MESSAGE_AUTH);
      encoding.writeVarUint(encoder, AUTH_TOKEN);
      encoding.writeVarString(encoder, token);
      send(encoding.toUint8Array(encoder));
      for (;;) {
        for (const message of received) {
          if (message.type !== MESSAGE_AUTH) continue;
          const decoder = decoding.createDecoder(message.bytes);
          decoding.readVarString(decoder);
          decoding.readVarUint(decoder);
          const kind = decoding.readVarUint(decoder);
          if (kind === AUTH_AUTHENTICATED) return "authenticated";
          if (kind === AUTH_PERMISSION_DENIED) return "denied";
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    sendUpdate(update) {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, name);
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, SYNC_UPDATE);
      encoding.writeVarUint8Array(encoder, update);
      send(encoding.toUint8Array(encoder));
    },
    syncStatuses() {
      return received
        .filter((message) => message.type === MESSAGE_SYNC_STATUS)
        .map((message) => {
          const decoder = decoding.createDecoder(message.bytes);
          decoding.readVarString(decoder);
          decoding.readVarUint(decoder);
          return decoding.readVarUint(decoder) === 1;
        });
    },
    close: () => socket.close(),
  };
}

/** A Yjs update inserting `text` into the text `t` of a fresh document. */
export function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}
