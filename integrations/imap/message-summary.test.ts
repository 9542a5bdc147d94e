// Summaries without a server: previews decoded from the first bytes of a part (base64, quoted-
// printable cut mid-escape, Latin-1, HTML), found inside BODY[TEXT] through nested boundaries;
// thread keys; attachment detection.
import type { MessageStructureObject } from "imapflow";
import { describe, expect, it } from "vitest";
import { hasAttachments, previewFromTextHead, previewPart, previewText, threadKey } from "./message-summary";

const plain = (extra: Partial<MessageStructureObject> = {}): MessageStructureObject => ({
  type: "text/plain",
  parameters: { charset: "utf-8" },
  encoding: "7bit",
  ...extra,
});

describe("previewText", () => {
  it("decodes base64 cut anywhere, quoted-printable cut mid-escape, latin-1 and HTML", () => {
    const b64 = Buffer.from(Buffer.from("Bonjour l'équipe, la relève est à 19 h.").toString("base64").slice(0, 30));
    expect(previewText(b64, plain({ encoding: "base64" }))).toBe("Bonjour l'équipe, la");
    expect(
      previewText(Buffer.from("Cl=C3=A9ment a =\r\nappel=C3=A9 =C3"), plain({ encoding: "quoted-printable" })),
    ).toBe("Clément a appelé");
    expect(previewText(Buffer.from([0x63, 0x61, 0x66, 0xe9]), plain({ parameters: { charset: "iso-8859-1" } }))).toBe(
      "café",
    );
    expect(
      previewText(Buffer.from("<style>p{}</style><p>Hello&nbsp;<b>world</b> &amp; co</p>"), {
        type: "text/html",
        encoding: "7bit",
      }),
    ).toBe("Hello world & co");
  });
});

describe("previewFromTextHead", () => {
  it("walks nested boundaries to the text part", () => {
    const structure: MessageStructureObject = {
      type: "multipart/mixed",
      parameters: { boundary: "outer" },
      childNodes: [
        {
          type: "multipart/alternative",
          part: "1",
          parameters: { boundary: "inner" },
          childNodes: [plain({ part: "1.1", encoding: "quoted-printable" }), { type: "text/html", part: "1.2" }],
        },
        { type: "application/pdf", part: "2", disposition: "attachment", dispositionParameters: { filename: "a.pdf" } },
      ],
    };
    const head = Buffer.from(
      "This is a multi-part message\r\n--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n" +
        "--inner\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
        "R=C3=A9union demain\r\n--inner\r\nContent-Type: text/html\r\n\r\n<p>x</p>",
    );
    expect(previewPart(structure)?.part).toBe("1.1");
    expect(previewFromTextHead(head, structure)).toBe("Réunion demain");
    expect(previewFromTextHead(head.subarray(0, 40), structure)).toBeNull();
    expect(hasAttachments(structure)).toBe(true);
  });

  it("uses the body itself for a single-part message", () => {
    expect(previewFromTextHead(Buffer.from("Simple   corps\r\n"), plain())).toBe("Simple corps");
    expect(hasAttachments(plain())).toBe(false);
  });
});

describe("threadKey", () => {
  it("prefers the References root, then In-Reply-To, then the message's own id, then the uid", () => {
    expect(threadKey(["<a@x>", "<b@x>"], "<b@x>", "<c@x>", 3)).toBe("<a@x>");
    expect(threadKey([], "<b@x>", "<c@x>", 3)).toBe("<b@x>");
    expect(threadKey([], undefined, "<c@x>", 3)).toBe("<c@x>");
    expect(threadKey([], undefined, undefined, 3)).toBe("uid:3");
  });
});
