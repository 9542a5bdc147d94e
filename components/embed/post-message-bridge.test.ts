// The iframe's postMessage bridge: events only ever go to the vendor's exact origin (never "*"),
// and commands are taken only from the parent window at that origin; the protocol's parser turns
// anything malformed into an answerable `invalid_command`, and text stays text.
import { describe, expect, it } from "vitest";
import { parseCommand, textToInlineContent, MAX_INSERT_TEXT_LENGTH } from "@/components/embed/embed-protocol";
import { framingOrigin, startPostMessageBridge } from "@/components/embed/post-message-bridge";
import type { EmbedCommand } from "@/components/embed/embed-protocol";

const VENDOR = "https://dpi.example";

class FakeWindow extends EventTarget {
  readonly posted: Array<{ data: unknown; targetOrigin: string }> = [];
  parent: FakeWindow = this;
  location = { ancestorOrigins: undefined as unknown };
  document = { referrer: "" };
  postMessage(data: unknown, targetOrigin: string): void {
    this.posted.push({ data, targetOrigin });
  }
}

function framed(): { frame: FakeWindow; parent: FakeWindow; stranger: FakeWindow } {
  const parent = new FakeWindow();
  const frame = new FakeWindow();
  frame.parent = parent;
  return { frame, parent, stranger: new FakeWindow() };
}

function deliver(target: FakeWindow, data: unknown, origin: string, source: FakeWindow): void {
  target.dispatchEvent(Object.assign(new Event("message"), { data, origin, source }));
}

const insert = { type: "portal.embed", version: 1, command: "insertText", text: "Hémoglobine 13,2 g/dL" };

describe("startPostMessageBridge", () => {
  it("sends versioned events to the exact parent origin", () => {
    const { frame, parent } = framed();
    const bridge = startPostMessageBridge({
      self: frame as unknown as Window,
      parentOrigin: VENDOR,
      onCommand: () => {},
    });
    bridge.send({ event: "ready", documentId: "d", mode: "edit" });
    expect(parent.posted).toEqual([
      {
        data: { type: "portal.embed", version: 1, event: "ready", documentId: "d", mode: "edit" },
        targetOrigin: VENDOR,
      },
    ]);
  });

  it("accepts commands only from the parent window at the vendor's origin", () => {
    const { frame, parent, stranger } = framed();
    const received: EmbedCommand[] = [];
    startPostMessageBridge({
      self: frame as unknown as Window,
      parentOrigin: VENDOR,
      onCommand: (c) => received.push(c),
    });
    deliver(frame, insert, "https://evil.example", parent); // right window, wrong origin
    deliver(frame, insert, VENDOR, stranger); // right origin, another window (a sibling frame)
    deliver(frame, insert, "null", parent);
    expect(received).toEqual([]);
    expect(parent.posted).toEqual([]); // nothing is answered to a stranger either
    deliver(frame, insert, VENDOR, parent);
    expect(received).toEqual([{ command: "insertText", text: "Hémoglobine 13,2 g/dL" }]);
  });

  it("answers malformed commands of the protocol, ignores other libraries' messages, and stops", () => {
    const { frame, parent } = framed();
    const received: EmbedCommand[] = [];
    const bridge = startPostMessageBridge({
      self: frame as unknown as Window,
      parentOrigin: VENDOR,
      onCommand: (c) => received.push(c),
    });
    deliver(frame, { hello: "world" }, VENDOR, parent);
    deliver(frame, { type: "portal.embed", version: 1, command: "format-disk", requestId: "r1" }, VENDOR, parent);
    expect(parent.posted.map((p) => p.data)).toEqual([
      { type: "portal.embed", version: 1, event: "error", code: "invalid_command", requestId: "r1" },
    ]);
    bridge.stop();
    deliver(frame, insert, VENDOR, parent);
    expect(received).toEqual([]);
  });

  it("posts nothing without a parent or without a known parent origin", () => {
    const alone = new FakeWindow();
    startPostMessageBridge({ self: alone as unknown as Window, parentOrigin: VENDOR, onCommand: () => {} }).send({
      event: "changed",
    });
    expect(alone.posted).toEqual([]);
    const { frame, parent } = framed();
    startPostMessageBridge({ self: frame as unknown as Window, parentOrigin: null, onCommand: () => {} }).send({
      event: "changed",
    });
    expect(parent.posted).toEqual([]);
  });
});

describe("framingOrigin", () => {
  it("reads the parent's origin from ancestorOrigins, else the referrer, and null when not framed", () => {
    const { frame } = framed();
    frame.location.ancestorOrigins = { length: 1, item: () => VENDOR };
    expect(framingOrigin(frame as unknown as Window)).toBe(VENDOR);
    frame.location.ancestorOrigins = undefined;
    frame.document.referrer = "https://dpi.example/patient/42?x=1";
    expect(framingOrigin(frame as unknown as Window)).toBe(VENDOR);
    expect(framingOrigin(new FakeWindow() as unknown as Window)).toBeNull();
  });
});

describe("parseCommand", () => {
  it("reads the three commands and echoes request ids", () => {
    expect(parseCommand({ type: "portal.embed", version: 1, command: "save", requestId: "a" })).toEqual({
      ok: true,
      command: { command: "save", requestId: "a" },
    });
    expect(parseCommand({ type: "portal.embed", version: 1, command: "save", label: "  Validé " })).toEqual({
      ok: true,
      command: { command: "save", label: "Validé" },
    });
    expect(parseCommand({ type: "portal.embed", version: 1, command: "close" })).toEqual({
      ok: true,
      command: { command: "close" },
    });
  });

  it("refuses what does not fit: other versions, bad labels, empty or oversize text, long request ids", () => {
    const base = { type: "portal.embed", version: 1 };
    expect(parseCommand({ ...base, version: 2, command: "close" })).toEqual({ ok: false, code: "invalid_command" });
    expect(parseCommand({ ...base, command: "save", label: "" })).toMatchObject({ ok: false, code: "invalid_command" });
    expect(parseCommand({ ...base, command: "save", label: 42 })).toMatchObject({ ok: false, code: "invalid_command" });
    expect(parseCommand({ ...base, command: "insertText", text: "" })).toMatchObject({ code: "invalid_command" });
    expect(parseCommand({ ...base, command: "insertText", text: { html: "<b>" } })).toMatchObject({
      code: "invalid_command",
    });
    expect(
      parseCommand({ ...base, command: "insertText", text: "x".repeat(MAX_INSERT_TEXT_LENGTH + 1) }),
    ).toMatchObject({
      code: "text_too_long",
    });
    expect(parseCommand({ ...base, command: "close", requestId: "x".repeat(65) })).toMatchObject({
      code: "invalid_command",
    });
    expect(parseCommand("portal.embed")).toEqual({ ok: false, code: null });
    expect(parseCommand(null)).toEqual({ ok: false, code: null });
  });
});

describe("textToInlineContent", () => {
  it("keeps markup as characters, turns lines into hard breaks and drops control characters", () => {
    expect(textToInlineContent("<b>Hb</b> 13,2\r\n\nK+ 4,1\u0007")).toEqual([
      { type: "text", text: "<b>Hb</b> 13,2" },
      { type: "hardBreak" },
      { type: "hardBreak" },
      { type: "text", text: "K+ 4,1" },
    ]);
  });
});
