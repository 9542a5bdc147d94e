/**
 * The iframe's end of the postMessage API (the protocol: embed-protocol.ts).
 *
 * Security, the whole point of this file:
 *   - events go to `parentOrigin` only — the exact origin the session was launched for, checked
 *     by the server against the client's allowed origins — never to "*": if the parent navigated
 *     to another site, the browser drops the message instead of leaking it;
 *   - a command is accepted only when `event.source === window.parent` AND `event.origin ===
 *     parentOrigin`; anything else (another frame, a popup, another origin) is ignored without an
 *     answer, so a hostile page learns nothing;
 *   - commands carry data only (plain text, a label): nothing received is ever evaluated or parsed
 *     as HTML.
 * Without a parent (the page opened on its own) or without a known parent origin, nothing is sent.
 */
import { envelope, parseCommand, type EmbedCommand, type EmbedEvent } from "@/components/embed/embed-protocol";

export interface PostMessageBridgeOptions {
  /** The frame's own window (tests pass a stand-in). */
  self: Window;
  parentOrigin: string | null;
  onCommand: (command: EmbedCommand) => void;
}

export interface PostMessageBridge {
  send: (event: EmbedEvent) => void;
  stop: () => void;
}

export function startPostMessageBridge(options: PostMessageBridgeOptions): PostMessageBridge {
  const { self, parentOrigin } = options;
  const parent = self.parent !== self ? self.parent : null;

  const send = (event: EmbedEvent): void => {
    if (!parent || !parentOrigin) return;
    parent.postMessage(envelope(event), parentOrigin);
  };

  const listener = (message: MessageEvent): void => {
    if (!parent || !parentOrigin) return;
    if (message.source !== parent || message.origin !== parentOrigin) return;
    const parsed = parseCommand(message.data);
    if (parsed.ok) {
      options.onCommand(parsed.command);
      return;
    }
    if (parsed.code === null) return;
    send({
      event: "error",
      code: parsed.code,
      ...(parsed.requestId === undefined ? {} : { requestId: parsed.requestId }),
    });
  };

  self.addEventListener("message", listener);
  return { send, stop: () => self.removeEventListener("message", listener) };
}

/**
 * The origin of the page framing this one, as the browser reports it (launch page: the server
 * does not know the client yet). Chromium and Safari give `location.ancestorOrigins`; elsewhere
 * the referrer of the frame's first navigation is the parent page. frame-ancestors already
 * restricted who may frame the launch page to registered origins.
 */
export function framingOrigin(self: Window): string | null {
  if (self.parent === self) return null;
  const ancestors = self.location.ancestorOrigins as DOMStringList | undefined;
  const first = ancestors && ancestors.length > 0 ? ancestors.item(0) : null;
  if (first && first !== "null") return first;
  try {
    return self.document.referrer ? new URL(self.document.referrer).origin : null;
  } catch {
    return null;
  }
}
