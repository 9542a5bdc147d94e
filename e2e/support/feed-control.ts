/**
 * The tests' handle on the news feed stand-in (e2e/support/feed-server.ts), through its control port.
 */
import type { FeedItem, FeedMode } from "./feed-server";
import { FEED_CONTROL_URL } from "./stack";

async function put(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${FEED_CONTROL_URL}${path}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`feed stand-in: PUT ${path} answered ${response.status} ${await response.text()}`);
}

export interface FeedControl {
  /** `ok` serves the feed; `hang` never answers; `refuse` closes the port. Resolves once switched. */
  setMode(mode: FeedMode): Promise<void>;
  /** What `ok` serves from now on. */
  setItems(items: FeedItem[]): Promise<void>;
}

export const feedControl: FeedControl = {
  setMode: (mode) => put("/mode", { mode }),
  setItems: (items) => put("/items", { items }),
};

export type { FeedItem, FeedMode };
