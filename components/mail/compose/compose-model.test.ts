import { describe, expect, it } from "vitest";
import type { MessageDetail } from "../api/types";
import { escapeHtml, startFrom, startFromDraft } from "./compose-model";
import { looksLikeAddress, parseRecipients } from "./recipient-field";

function message(overrides: Partial<MessageDetail> = {}): MessageDetail {
  return {
    uid: 42,
    folder: "INBOX",
    threadId: "<t@x>",
    messageId: "<m@x>",
    from: [{ name: "Bruno Durand", address: "bruno@hopital.test" }],
    to: [
      { name: "Alice Martin", address: "alice@hopital.test" },
      { name: "", address: "equipe@hopital.test" },
    ],
    cc: [
      { name: "Chloé", address: "chloe@hopital.test" },
      { name: "", address: "ALICE@hopital.test" },
    ],
    subject: "Réunion",
    date: "2026-11-30T09:00:00.000Z",
    preview: "",
    flags: ["seen"],
    hasAttachments: true,
    size: 1000,
    replyTo: [],
    bcc: [],
    inReplyTo: null,
    references: [],
    html: "<p>x</p>",
    text: "Ligne 1\n<script>alert(1)</script>",
    remoteImagesBlocked: false,
    attachments: [
      { part: "2", filename: "a.pdf", contentType: "application/pdf", size: 10, inline: false, contentId: null },
      { part: "3", filename: "logo.png", contentType: "image/png", size: 5, inline: true, contentId: "<logo>" },
    ],
    conversation: [],
    truncated: false,
    ...overrides,
  };
}

const options = { self: "alice@hopital.test" };

describe("compose starts", () => {
  it("reply goes to the sender (or Reply-To) with Re: once, an empty editor (the server quotes the original)", () => {
    const reply = startFrom("reply", message(), options);
    expect(reply.to).toEqual([{ name: "Bruno Durand", address: "bruno@hopital.test" }]);
    expect(reply.cc).toEqual([]);
    expect(reply.subject).toBe("Re: Réunion");
    expect(reply.html).toBe("");
    expect(reply.original).toEqual({ folder: "INBOX", uid: 42 });
    expect(startFrom("reply", message({ subject: "RE: Réunion" }), options).subject).toBe("RE: Réunion");
    const withReplyTo = startFrom(
      "reply",
      message({ replyTo: [{ name: "", address: "secretariat@hopital.test" }] }),
      options,
    );
    expect(withReplyTo.to.map((recipient) => recipient.address)).toEqual(["secretariat@hopital.test"]);
  });

  it("reply all copies everyone once, never oneself", () => {
    const all = startFrom("reply-all", message(), options);
    expect(all.to.map((recipient) => recipient.address)).toEqual(["bruno@hopital.test"]);
    expect(all.cc.map((recipient) => recipient.address)).toEqual(["equipe@hopital.test", "chloe@hopital.test"]);
  });

  it("forward carries the original's real attachments (not inline images) as parts, with Fwd:", () => {
    const forward = startFrom("forward", message(), options);
    expect(forward.to).toEqual([]);
    expect(forward.subject).toBe("Fwd: Réunion");
    expect(forward.attachments).toEqual([
      { kind: "message", folder: "INBOX", uid: 42, part: "2", name: "a.pdf", size: 10 },
    ]);
  });

  it("a draft reopens with its recipients, body and attachments, and replaces itself", () => {
    const draft = startFromDraft(message({ folder: "Drafts", uid: 7 }));
    expect(draft.draftUid).toBe(7);
    expect(
      draft.attachments.map((file) => file.kind === "message" && `${file.folder}:${file.uid}:${file.part}`),
    ).toEqual(["Drafts:7:2", "Drafts:7:3"]);
  });

  it("escapes every markup character", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});

describe("recipients typed or pasted", () => {
  it("splits on commas, semicolons and line breaks, reading display names", () => {
    expect(parseRecipients('"Anne Leroy" <anne@hopital.test>; bob@hopital.test,\r\nBcc: evil@evil.test')).toEqual([
      { name: "Anne Leroy", address: "anne@hopital.test" },
      { address: "bob@hopital.test" },
      { address: "Bcc: evil@evil.test" },
    ]);
  });

  it("accepts plain addresses only", () => {
    expect(looksLikeAddress("anne@hopital.test")).toBe(true);
    for (const bad of [
      "Bcc: evil@evil.test",
      "anne@",
      "@hopital.test",
      "a b@c.fr",
      "anne@hopital",
      "a@b.fr\r\nX: y",
      "a<b@c.fr",
    ]) {
      expect(looksLikeAddress(bad), bad).toBe(false);
    }
  });
});
