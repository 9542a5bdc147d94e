/**
 * Large documents on the portal's collaboration server (in this process, over the real
 * WebSocket endpoint and a throwaway PostgreSQL):
 *
 * 1. heap per loaded 100,000-character document (aim ≤ 4 MB): BENCH_HEAP_DOCUMENTS (10) documents
 *    of 1,000 paragraphs × 100 characters, each then edited by 2,000 scattered one-character
 *    insertions from another participant (so the Yjs structure is fragmented as real editing
 *    leaves it), loaded through the server's persistence; heap after a full GC, before and after;
 * 2. keystroke latency at 10,000 and at 100,000 characters (aim: no growth): an official provider
 *    types 5 characters a second at the end of the document for BENCH_TYPING_MS, another one times
 *    each keystroke's arrival;
 * 3. time for a new participant (official provider) to load a 1 MB document: cold (the server
 *    loads it from the database) and warm (already loaded for someone else).
 * Prints one JSON line.
 */
import v8 from "node:v8";
import vm from "node:vm";
import type { JSONContent } from "@tiptap/core";
import * as Y from "yjs";
import { note, percentile, printResult, round, sleep } from "@/bench/support/stats";
import { startBenchDatabase } from "@/bench/collab-support";
import { writeContentJson } from "@/server/collab/document-content";
import { writePartState } from "@/server/collab/persistence";
import { DOCUMENT_YJS_FIELD } from "@/components/documents/editor/document-extensions";
import {
  connectClient,
  createTestDocument,
  createTestUser,
  startTestCollabServer,
  tokenFor,
  waitFor,
  waitForSync,
} from "@/server/collab/testing/collab-test-server";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const HEAP_DOCUMENTS = intFromEnv("BENCH_HEAP_DOCUMENTS", 10, 1, 100);
const TYPING_MS = intFromEnv("BENCH_TYPING_MS", 10_000, 1000, 120_000);

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const WORDS = "patient admis pour surveillance traitement poursuivi sortie prévue demain avec consignes".split(" ");

function paragraphText(index: number, length: number): string {
  let text = "";
  let word = index;
  while (text.length < length) text += `${WORDS[word++ % WORDS.length]} `;
  return text.slice(0, length);
}

/** A content of `paragraphs` paragraphs of `length` characters, then `edits` scattered edits by someone else. */
function buildDocument(paragraphs: number, length: number, edits: number): Uint8Array {
  const json: JSONContent = {
    type: "doc",
    content: Array.from({ length: paragraphs }, (_, index) => ({
      type: "paragraph",
      content: [{ type: "text", text: paragraphText(index, length) }],
    })),
  };
  const doc = new Y.Doc();
  doc.transact(() => writeContentJson(doc, json));
  if (edits > 0) {
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const fragment = other.getXmlFragment(DOCUMENT_YJS_FIELD);
    for (let edit = 0; edit < edits; edit += 1) {
      const paragraph = fragment.get((edit * 7919) % fragment.length) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      text.insert((edit * 31) % Math.max(1, text.length), "x");
    }
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
  }
  return Y.encodeStateAsUpdate(doc);
}

async function main(): Promise<void> {
  note("starting PostgreSQL and the collaboration server");
  const database = await startBenchDatabase();
  const server = await startTestCollabServer({ maxDocumentBytes: 16 * 1024 * 1024 });
  const hocuspocus = server.service.server.hocuspocus;
  try {
    const owner = await createTestUser("Alice");
    const editor = await createTestUser("Bruno");

    // 1. Heap per loaded 100,000-character document.
    const state100k = buildDocument(1000, 100, 2000);
    const heapIds: string[] = [];
    for (let index = 0; index < HEAP_DOCUMENTS; index += 1) {
      const documentId = await createTestDocument(owner);
      await writePartState(documentId, "content", state100k);
      heapIds.push(documentId);
    }
    const before = heapUsed();
    const connections = [];
    for (const documentId of heapIds) connections.push(await hocuspocus.openDirectConnection(documentId));
    const after = heapUsed();
    const heapPerDocumentMb = (after - before) / HEAP_DOCUMENTS / (1024 * 1024);
    note(`heap per 100k-character document: ${round(heapPerDocumentMb, 2)} MB`);
    for (const connection of connections) await connection.disconnect();

    // 2. Keystroke latency at 10,000 and 100,000 characters.
    const latencyAt = async (state: Uint8Array): Promise<{ p50Ms: number; p99Ms: number; samples: number }> => {
      const documentId = await createTestDocument(owner, { [editor]: "editor" });
      await writePartState(documentId, "content", state);
      const typist = connectClient(server.origin, documentId, await tokenFor(owner, documentId, "owner"));
      const watcher = connectClient(server.origin, documentId, await tokenFor(editor, documentId, "editor"));
      try {
        await Promise.all([waitForSync(typist, 30_000), waitForSync(watcher, 30_000)]);
        const sent = new Map<string, number>();
        const latencies: number[] = [];
        watcher.document.on("update", (update: Uint8Array) => {
          const now = performance.now();
          for (const struct of Y.decodeUpdate(update).structs) {
            const at = sent.get(`${struct.id.client}:${struct.id.clock}`);
            if (at !== undefined) latencies.push(now - at);
          }
        });
        const fragment = typist.document.getXmlFragment(DOCUMENT_YJS_FIELD);
        const deadline = Date.now() + TYPING_MS;
        while (Date.now() < deadline) {
          const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
          const text = paragraph.get(0) as Y.XmlText;
          const clock = Y.getState(typist.document.store, typist.document.clientID);
          sent.set(`${typist.document.clientID}:${clock}`, performance.now());
          text.insert(text.length, "a");
          await sleep(200);
        }
        await sleep(500);
        return {
          p50Ms: round(percentile(latencies, 50), 2),
          p99Ms: round(percentile(latencies, 99), 2),
          samples: latencies.length,
        };
      } finally {
        typist.destroy();
        watcher.destroy();
      }
    };
    const at10k = await latencyAt(buildDocument(100, 100, 0));
    note(`latency at 10k characters: p50 ${at10k.p50Ms} ms`);
    const at100k = await latencyAt(state100k);
    note(`latency at 100k characters: p50 ${at100k.p50Ms} ms`);

    // 3. A new participant loading a 1 MB document.
    const stateLarge = buildDocument(10_000, 100, 0);
    const largeId = await createTestDocument(owner, { [editor]: "editor" });
    await writePartState(largeId, "content", stateLarge);
    const load = async (userId: string, role: "owner" | "editor") => {
      const started = performance.now();
      const client = connectClient(server.origin, largeId, await tokenFor(userId, largeId, role));
      await waitFor(() => client.provider.isSynced, 60_000, "large document loaded");
      return { ms: performance.now() - started, client };
    };
    const cold = await load(owner, "owner");
    const warm = await load(editor, "editor");
    const loadedChars = cold.client.document.getXmlFragment(DOCUMENT_YJS_FIELD).length * 100;
    cold.client.destroy();
    warm.client.destroy();

    printResult({
      benchmark: "collab-documents",
      heapPerLoaded100kCharDocumentMb: round(heapPerDocumentMb, 2),
      heapDocuments: HEAP_DOCUMENTS,
      stored100kDocumentBytes: state100k.byteLength,
      latencyAt10kChars: at10k,
      latencyAt100kChars: at100k,
      largeDocumentBytes: stateLarge.byteLength,
      largeDocumentChars: loadedChars,
      newParticipantLoadColdMs: round(cold.ms, 0),
      newParticipantLoadWarmMs: round(warm.ms, 0),
      aims: { heapPerDocumentMb: 4 },
      heapMet: heapPerDocumentMb <= 4,
    });
  } finally {
    await server.stop();
    await database.close();
  }
}

main().catch((error: unknown) => {
  printResult({ benchmark: "collab-documents", error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
