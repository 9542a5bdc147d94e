/**
 * What Hocuspocus sees of a client connection, whatever carries it (a WebSocket, or the HTTP
 * fallback's event stream): a `WebSocketLike` that
 *
 * - holds back each acknowledgement (SyncStatus) until the update journal has stored everything
 *   received so far, so "acknowledged" means "stored" — the relay of the update to the other
 *   participants does not wait;
 * - closes the connection with `storage-unavailable` instead of acknowledging when that write
 *   failed (the client keeps its changes and sends them again when it reconnects);
 * and a message gate enforcing COLLAB_MAX_MESSAGES_PER_SECOND per connection (a token bucket with
 * one second of burst), closing with `too-many-messages` when exceeded.
 */
import "server-only";
import type { WebSocketLike } from "@hocuspocus/server";
import { COLLAB_CLOSE_CODES, COLLAB_REFUSALS } from "@/server/collab/collab-context";
import type { UpdateJournal } from "@/server/collab/update-journal";
import { isSyncStatus } from "@/server/collab/wire-message";

const OPEN = 1;

export function durableAckSocket(transport: WebSocketLike, journal: UpdateJournal): WebSocketLike {
  return {
    get readyState() {
      return transport.readyState;
    },
    close: (code, reason) => transport.close(code, reason),
    send(data) {
      if (!(data instanceof Uint8Array) || !isSyncStatus(data)) {
        transport.send(data);
        return;
      }
      // Waits for the write holding this update, and for any earlier write still in flight.
      journal.whenDurable().then(
        () => {
          if (transport.readyState === OPEN) transport.send(data);
        },
        () => closeForStorage(transport),
      );
    },
  };
}

function closeForStorage(transport: WebSocketLike): void {
  const reason = COLLAB_REFUSALS.storageUnavailable;
  transport.close(COLLAB_CLOSE_CODES[reason], reason);
}

/** Returns a function telling whether one more message may pass now. */
export function messageRateGate(maxPerSecond: number, now: () => number = Date.now): () => boolean {
  let tokens = maxPerSecond;
  let last = now();
  return () => {
    const current = now();
    tokens = Math.min(maxPerSecond, tokens + ((current - last) / 1000) * maxPerSecond);
    last = current;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

export const RATE_LIMIT_CLOSE = {
  code: COLLAB_CLOSE_CODES[COLLAB_REFUSALS.tooManyMessages],
  reason: COLLAB_REFUSALS.tooManyMessages,
};
