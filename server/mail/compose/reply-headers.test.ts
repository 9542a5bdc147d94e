// Reply/forward conventions and the Bcc removal for the SMTP copy, without a server.
import { describe, expect, it } from "vitest";
import { prefixedSubject, threadingHeaders } from "./reply-headers";
import { withoutBcc } from "./build-message";

describe("prefixedSubject", () => {
  it("adds Re:/Fwd: once, recognising the usual French and English forms", () => {
    expect(prefixedSubject("reply", "Garde")).toBe("Re: Garde");
    expect(prefixedSubject("reply-all", "RE : Garde")).toBe("RE : Garde");
    expect(prefixedSubject("reply", "Re[2]: Garde")).toBe("Re[2]: Garde");
    expect(prefixedSubject("forward", "Garde")).toBe("Fwd: Garde");
    expect(prefixedSubject("forward", "TR: Garde")).toBe("TR: Garde");
    expect(prefixedSubject("new", "Re: x")).toBe("Re: x");
  });
});

describe("threadingHeaders", () => {
  it("sets In-Reply-To and appends the original to References (last 20)", () => {
    const references = Array.from({ length: 25 }, (_, index) => `<r${index}@x>`);
    const headers = threadingHeaders({ messageId: "<o@x>", references });
    expect(headers.inReplyTo).toBe("<o@x>");
    expect(headers.references).toHaveLength(20);
    expect(headers.references?.at(-1)).toBe("<o@x>");
    expect(threadingHeaders({ messageId: null, references })).toEqual({});
  });
});

describe("withoutBcc", () => {
  it("removes the Bcc header (folded too) and nothing else", () => {
    const raw = Buffer.from("From: a@x\r\nBcc: b@x,\r\n c@x\r\nSubject: s\r\n\r\nBcc: in the body stays\r\n");
    expect(withoutBcc(raw).toString()).toBe("From: a@x\r\nSubject: s\r\n\r\nBcc: in the body stays\r\n");
  });
});
