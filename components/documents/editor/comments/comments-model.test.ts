// The comments model on real Yjs documents: threads anchored by relative positions that follow the
// text, replies and resolve from two replicas merging without loss, and malformed entries (from a
// buggy or hostile client) skipped rather than crashing the panel.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addReply,
  addThread,
  readThreads,
  setResolved,
  threadsMap,
} from "@/components/documents/editor/comments/comments-model";

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const alice = { id: "a", name: "Alice Martin" };
const chloe = { id: "c", name: "Chloé Admin" };

describe("comments model", () => {
  it("anchors a thread to text that moves when someone types before it", () => {
    const content = new Y.Doc();
    const text = content.getText("t");
    text.insert(0, "Posologie à vérifier");
    const comments = new Y.Doc();
    addThread(comments, {
      from: Y.createRelativePositionFromTypeIndex(text, 0),
      to: Y.createRelativePositionFromTypeIndex(text, 9),
      quote: "Posologie",
      text: "Dose ?",
      author: chloe,
    });
    text.insert(0, "Urgent : ");
    const [thread] = readThreads(comments);
    const from = thread?.from ? Y.createAbsolutePositionFromRelativePosition(thread.from, content) : null;
    const to = thread?.to ? Y.createAbsolutePositionFromRelativePosition(thread.to, content) : null;
    expect(text.toString().slice(from?.index, to?.index)).toBe("Posologie");
  });

  it("merges replies and a resolve made on two replicas at once", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const content = new Y.Doc();
    const anchor = Y.createRelativePositionFromTypeIndex(content.getText("t"), 0);
    const id = addThread(a, { from: anchor, to: anchor, quote: "x", text: "Question", author: alice });
    sync(a, b);
    addReply(a, id, "Réponse d'Alice", alice);
    addReply(b, id, "Réponse de Chloé", chloe);
    setResolved(b, id, true);
    sync(a, b);
    for (const doc of [a, b]) {
      const [thread] = readThreads(doc);
      expect(thread?.replies.map((reply) => reply.text).sort()).toEqual(["Réponse d'Alice", "Réponse de Chloé"]);
      expect(thread?.resolved).toBe(true);
    }
    setResolved(a, id, false);
    expect(readThreads(a)[0]?.resolved).toBe(false);
  });

  it("skips malformed entries and caps overlong text", () => {
    const doc = new Y.Doc();
    const map = threadsMap(doc) as unknown as Y.Map<unknown>;
    map.set("junk", "not a thread");
    const odd = new Y.Map<unknown>();
    map.set("odd", odd);
    odd.set("text", "x".repeat(10_000));
    odd.set("from", new Uint8Array([255, 255, 255]));
    odd.set("replies", "nope");
    const threads = readThreads(doc);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ id: "odd", from: null, replies: [], resolved: false });
    expect(threads[0]?.text).toHaveLength(5000);
  });
});
