/**
 * Shared parts of the collaboration benchmarks (bench/collab-*.ts): a throwaway PostgreSQL with
 * seeded users and documents, collaboration servers in processes of their own (the portal's, and
 * the stock @hocuspocus/server for comparison), and a light editor speaking the Hocuspocus wire
 * format (PROTOCOLS.md §9) over Node's WebSocket — its own Y.Doc produces real Yjs keystroke
 * updates, and an observer decodes what it receives to time each keystroke from send to arrival.
 * Hundreds of official providers (each applying every update to a Y.Doc) would make the
 * benchmark measure its own client process rather than the server.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { openDatabase, setDatabaseForTests } from "@/server/db/client";
import { startPostgres, type RunningPostgres } from "@/test/services/postgres";
import { createTestDocument, createTestUser, tokenFor } from "@/server/collab/testing/collab-test-server";
import type { DocumentRole } from "@/server/documents/schema";

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
const AUTH_AUTHENTICATED = 2;

export interface BenchDatabase {
  postgres: RunningPostgres;
  close(): Promise<void>;
}

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const postgres = await startPostgres();
  const database = await openDatabase({ DATABASE_URL: postgres.url, PGLITE_DIR: "", DATABASE_POOL_SIZE: 4 });
  setDatabaseForTests(database);
  return {
    postgres,
    async close() {
      setDatabaseForTests(undefined);
      await database.close();
      await postgres.stop();
    },
  };
}

/** `count` documents, each with `editors` users as editors; returns ids and tokens per editor. */
export async function seedDocuments(
  count: number,
  editors: number,
): Promise<Array<{ documentId: string; tokens: string[] }>> {
  const users: string[] = [];
  for (let index = 0; index < editors; index += 1) users.push(await createTestUser(`Éditeur ${index}`));
  const [owner = ""] = users;
  const documents: Array<{ documentId: string; tokens: string[] }> = [];
  for (let index = 0; index < count; index += 1) {
    const members = Object.fromEntries(users.slice(1).map((id) => [id, "editor" as DocumentRole]));
    const documentId = await createTestDocument(owner, members);
    const tokens = await Promise.all(users.map((id, at) => tokenFor(id, documentId, at === 0 ? "owner" : "editor")));
    documents.push({ documentId, tokens });
  }
  return documents;
}

/** Send times of keystrokes by Yjs item id (`client:clock`), shared by all editors of a run. */
export type SendTimes = Map<string, number>;

export class BenchEditor {
  readonly doc = new Y.Doc();
  private socket: WebSocket | null = null;
  received = 0;

  constructor(
    private readonly origin: string,
    private readonly documentId: string,
    private readonly token: string,
    /** When set, this editor times the keystrokes of others it receives. */
    private readonly observe: ((latencyMs: number) => void) | null,
    private readonly sendTimes: SendTimes,
  ) {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "remote") return;
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, this.documentId);
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, SYNC_UPDATE);
      encoding.writeVarUint8Array(encoder, update);
      this.socket?.send(encoding.toUint8Array(encoder));
    });
  }

  /** Connects, authenticates, and exchanges the initial sync; resolves when authenticated. */
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${this.origin.replace(/^http/, "ws")}/collab/${this.documentId}`);
      socket.binaryType = "arraybuffer";
      this.socket = socket;
      socket.addEventListener("error", () => reject(new Error("editor could not connect")), { once: true });
      socket.addEventListener("open", () => {
        const auth = encoding.createEncoder();
        encoding.writeVarString(auth, this.documentId);
        encoding.writeVarUint(auth, MESSAGE_AUTH);
        encoding.writeVarUint(auth, 0);
        encoding.writeVarString(auth, this.token);
        socket.send(encoding.toUint8Array(auth));
        const step1 = encoding.createEncoder();
        encoding.writeVarString(step1, this.documentId);
        encoding.writeVarUint(step1, MESSAGE_SYNC);
        encoding.writeVarUint(step1, SYNC_STEP_1);
        encoding.writeVarUint8Array(step1, Y.encodeStateVector(this.doc));
        socket.send(encoding.toUint8Array(step1));
      });
      let authenticated = false;
      socket.addEventListener("message", (event) => {
        this.received += 1;
        // Editors other than the observer only receive: no decoding, as little client CPU as possible.
        if (authenticated && !this.observe) return;
        const bytes = new Uint8Array(event.data as ArrayBuffer);
        const decoder = decoding.createDecoder(bytes);
        decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        if (type === MESSAGE_AUTH) {
          authenticated = decoding.readVarUint(decoder) === AUTH_AUTHENTICATED;
          if (authenticated) resolve();
          else reject(new Error("editor was refused"));
          return;
        }
        if (type !== MESSAGE_SYNC || !this.observe) return;
        const subType = decoding.readVarUint(decoder);
        if (subType !== SYNC_UPDATE && subType !== SYNC_STEP_2) return;
        const update = decoding.readVarUint8Array(decoder);
        const now = performance.now();
        for (const struct of Y.decodeUpdate(update).structs) {
          const key = `${struct.id.client}:${struct.id.clock}`;
          const sentAt = this.sendTimes.get(key);
          if (sentAt === undefined) continue;
          this.sendTimes.delete(key);
          this.observe(now - sentAt);
        }
      });
    });
  }

  /** Types one character at the end of the editor's text; records its send time. */
  type(char: string): void {
    const text = this.doc.getText("t");
    // Nobody times the observer's own keystrokes (it is the one timing).
    if (!this.observe) {
      const clock = Y.getState(this.doc.store, this.doc.clientID);
      this.sendTimes.set(`${this.doc.clientID}:${clock}`, performance.now());
    }
    text.insert(text.length, char);
  }

  close(): void {
    this.socket?.close();
  }
}
