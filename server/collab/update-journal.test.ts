// The write-ahead journal: batches what arrives while a write is in flight, resolves
// `whenDurable` only once the updates appended so far are written, and rejects it when that write
// failed (so the acknowledgement is never sent).
import { describe, expect, it } from "vitest";
import type { PendingUpdate } from "@/server/collab/persistence";
import { createUpdateJournal } from "@/server/collab/update-journal";

const update = (byte: number): PendingUpdate => ({
  documentId: "00000000-0000-4000-8000-000000000000",
  part: "content",
  update: new Uint8Array([byte, byte, byte]),
});

describe("update journal", () => {
  it("writes the updates of one turn in one batch, and the next ones in the next", async () => {
    const batches: number[][] = [];
    let release: (() => void) | undefined;
    const journal = createUpdateJournal(
      async (updates) => {
        batches.push(updates.map((item) => item.update[0] ?? -1));
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      () => undefined,
    );
    journal.append(update(1));
    journal.append(update(2));
    let firstDurable = false;
    void journal.whenDurable().then(() => {
      firstDurable = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1, 2]]);
    // Arrives while the first write is in flight: waits for a second write.
    journal.append(update(3));
    let secondDurable = false;
    void journal.whenDurable().then(() => {
      secondDurable = true;
    });
    release?.();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(firstDurable).toBe(true);
    expect(secondDurable).toBe(false);
    expect(batches).toEqual([[1, 2], [3]]);
    release?.();
    await journal.flush();
    expect(secondDurable).toBe(true);
    expect(journal.pending()).toBe(0);
  });

  it("rejects whenDurable when the write fails and reports the error", async () => {
    const errors: unknown[] = [];
    const journal = createUpdateJournal(
      async () => {
        throw new Error("database down");
      },
      (error) => errors.push(error),
    );
    journal.append(update(1));
    await expect(journal.whenDurable()).rejects.toThrow("database down");
    expect(errors).toHaveLength(1);
  });

  it("gathers the updates of a batch window into one write", async () => {
    const batches: number[] = [];
    const journal = createUpdateJournal(
      async (updates) => {
        batches.push(updates.length);
      },
      () => undefined,
      20,
    );
    journal.append(update(1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    journal.append(update(2));
    journal.append(update(3));
    expect(batches).toEqual([]);
    await journal.whenDurable();
    expect(batches).toEqual([3]);
  });

  it("is durable at once when nothing is pending", async () => {
    const journal = createUpdateJournal(
      async () => undefined,
      () => undefined,
    );
    await expect(journal.whenDurable()).resolves.toBeUndefined();
  });
});

describe("update journal pacing", () => {
  it("starts one write at most every window, however fast the database answers", async () => {
    const starts: number[] = [];
    const journal = createUpdateJournal(
      async () => {
        starts.push(performance.now());
        // A round trip: what arrives meanwhile waits for the next write.
        await new Promise((resolve) => setTimeout(resolve, 3));
      },
      () => undefined,
      20,
    );
    // Updates keep coming, 2 ms apart (or more on a loaded machine).
    const began = performance.now();
    for (let index = 0; index < 75; index += 1) {
      journal.append(update(index));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const elapsed = performance.now() - began;
    await journal.flush();
    expect(journal.pending()).toBe(0);
    expect(starts.length).toBeLessThanOrEqual(Math.ceil(elapsed / 20) + 2);
    const gaps = starts.slice(1).map((at, index) => at - (starts[index] ?? 0));
    // The last write may be forced early by flush(); all others are a window apart.
    for (const gap of gaps.slice(0, -1)) expect(gap).toBeGreaterThanOrEqual(19);
  });

  it("flushes at once, without waiting for the window", async () => {
    let writes = 0;
    const journal = createUpdateJournal(
      async () => {
        writes += 1;
      },
      () => undefined,
      1000,
    );
    journal.append(update(1));
    const started = performance.now();
    await journal.flush();
    expect(writes).toBe(1);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
