/**
 * The comments of a document, in its second Yjs document (`<id>.comments`, synced over the same
 * connection as the content). Commenters may write it while the server refuses their changes to the
 * text, so comments never touch the content: a thread is anchored by two Yjs relative positions
 * into the content's XML fragment, which follow the text as others edit it.
 *
 *   threads: Y.Map<threadId, Y.Map>  each thread:
 *     from, to      Uint8Array  Y.encodeRelativePosition of the anchor's start and end
 *     quote         string      the commented text when the comment was made (shown if the text goes)
 *     authorId, authorName, text, createdAt (ISO)
 *     resolved      boolean
 *     replies       Y.Array<{ id, authorId, authorName, text, createdAt }>
 *
 * Each thread is its own Y.Map and replies a Y.Array, so two people replying or resolving at once
 * both land (no last-writer-wins on a whole thread).
 */
import * as Y from "yjs";

export const THREADS_KEY = "threads";
export const MAX_COMMENT_LENGTH = 5000;

export interface CommentReply {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface CommentThread {
  id: string;
  from: Y.RelativePosition | null;
  to: Y.RelativePosition | null;
  quote: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
  resolved: boolean;
  replies: CommentReply[];
}

export interface CommentAuthor {
  id: string;
  name: string;
}

export function threadsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(THREADS_KEY);
}

function decodePosition(value: unknown): Y.RelativePosition | null {
  if (!(value instanceof Uint8Array)) return null;
  try {
    return Y.decodeRelativePosition(value);
  } catch {
    return null;
  }
}

function asString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function readReplies(value: unknown): CommentReply[] {
  if (!(value instanceof Y.Array)) return [];
  return (value.toArray() as unknown[]).flatMap((item) => {
    if (typeof item !== "object" || item === null) return [];
    const reply = item as Record<string, unknown>;
    return [
      {
        id: asString(reply.id),
        authorId: asString(reply.authorId),
        authorName: asString(reply.authorName),
        text: asString(reply.text),
        createdAt: asString(reply.createdAt),
      },
    ];
  });
}

/** Every thread, oldest first. Malformed entries (written by a buggy or hostile client) are skipped. */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const threads: CommentThread[] = [];
  threadsMap(doc).forEach((thread, id) => {
    if (!(thread instanceof Y.Map)) return;
    threads.push({
      id,
      from: decodePosition(thread.get("from")),
      to: decodePosition(thread.get("to")),
      quote: asString(thread.get("quote")).slice(0, 500),
      authorId: asString(thread.get("authorId")),
      authorName: asString(thread.get("authorName")),
      text: asString(thread.get("text")).slice(0, MAX_COMMENT_LENGTH),
      createdAt: asString(thread.get("createdAt")),
      resolved: thread.get("resolved") === true,
      replies: readReplies(thread.get("replies")),
    });
  });
  return threads.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function newId(): string {
  return crypto.randomUUID();
}

export function addThread(
  doc: Y.Doc,
  input: { from: Y.RelativePosition; to: Y.RelativePosition; quote: string; text: string; author: CommentAuthor },
): string {
  const id = newId();
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    thread.set("from", Y.encodeRelativePosition(input.from));
    thread.set("to", Y.encodeRelativePosition(input.to));
    thread.set("quote", input.quote.slice(0, 500));
    thread.set("authorId", input.author.id);
    thread.set("authorName", input.author.name);
    thread.set("text", input.text.slice(0, MAX_COMMENT_LENGTH));
    thread.set("createdAt", new Date().toISOString());
    thread.set("resolved", false);
    thread.set("replies", new Y.Array<unknown>());
    threadsMap(doc).set(id, thread);
  });
  return id;
}

export function addReply(doc: Y.Doc, threadId: string, text: string, author: CommentAuthor): void {
  const thread = threadsMap(doc).get(threadId);
  if (!(thread instanceof Y.Map)) return;
  doc.transact(() => {
    let replies = thread.get("replies");
    if (!(replies instanceof Y.Array)) {
      replies = new Y.Array<unknown>();
      thread.set("replies", replies);
    }
    (replies as Y.Array<unknown>).push([
      {
        id: newId(),
        authorId: author.id,
        authorName: author.name,
        text: text.slice(0, MAX_COMMENT_LENGTH),
        createdAt: new Date().toISOString(),
      },
    ]);
  });
}

export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean): void {
  const thread = threadsMap(doc).get(threadId);
  if (thread instanceof Y.Map) thread.set("resolved", resolved);
}
