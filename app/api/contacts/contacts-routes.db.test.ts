// The contacts API as Next calls it, against a real Radicale: create, list (filtered), read,
// update with the ETag, conflict on a stale ETag, delete; bad bodies and ids answered 400 naming
// the problem; a user who has not connected their groupware account gets 403
// GROUPWARE_NOT_CONNECTED; another user's contact id is a 404.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningRadicale } from "@/scripts/standins/radicale";
import { callNextRoute, type RouteAnswer } from "@/test/support/call-next-route";
import { startGroupwareTestbed } from "@/test/support/groupware-testbed";
import type { SignedInUser } from "@/test/support/signed-in-user";
import type { Contact } from "@/components/contacts/contact-types";

vi.mock("@/server/auth/current-user", () => import("@/test/support/call-next-route"));

type Answer = RouteAnswer<{ error?: { code: string; message: string }; contact?: Contact; contacts?: Contact[] }>;

let radicale: RunningRadicale;
let alice: SignedInUser;
let bruno: SignedInUser;
let chloe: SignedInUser;

beforeAll(async () => {
  ({ radicale, alice, bruno, chloe } = await startGroupwareTestbed({ urlVariables: ["CARDDAV_URL"] }));
}, 120_000);

afterAll(async () => radicale?.stop());

const call = callNextRoute<Answer["body"]>;

const list = () => import("@/app/api/contacts/route");
const one = () => import("@/app/api/contacts/[id]/route");

describe("contacts API", () => {
  it("creates, lists, reads, updates and deletes a contact", async () => {
    const { GET: listGet, POST } = await list();
    const { GET, PUT, DELETE } = await one();
    const created = await call(alice, POST, {
      method: "POST",
      url: "/api/contacts",
      body: { name: "Noémie Dubois", emails: ["noemie@chu.test"], phones: ["+33 6 01 02 03 04"], service: "Maternité" },
    });
    expect(created.status).toBe(201);
    const contact = created.body.contact as Contact;
    expect(contact).toMatchObject({ name: "Noémie Dubois", service: "Maternité", addressBook: "Contacts" });

    await call(alice, POST, { method: "POST", url: "/api/contacts", body: { name: "Zacharie Autre" } });
    const all = await call(alice, listGet, { method: "GET", url: "/api/contacts" });
    expect(all.body.contacts?.map((c) => c.name)).toEqual(["Noémie Dubois", "Zacharie Autre"]);
    const filtered = await call(alice, listGet, { method: "GET", url: "/api/contacts?q=noemie" });
    expect(filtered.body.contacts?.map((c) => c.name)).toEqual(["Noémie Dubois"]);

    const read = await call(alice, GET, { method: "GET", url: "/x", params: { id: contact.id } });
    expect(read.body.contact).toEqual(contact);

    const updated = await call(alice, PUT, {
      method: "PUT",
      url: "/x",
      params: { id: contact.id },
      body: { etag: contact.etag, name: "Noémie Dubois", emails: [], phones: [], profession: "sage-femme" },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.contact).toMatchObject({ emails: [], profession: "sage-femme" });

    const stale = await call(alice, PUT, {
      method: "PUT",
      url: "/x",
      params: { id: contact.id },
      body: { etag: contact.etag, name: "Stale", emails: [], phones: [] },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe("CONFLICT");
    const staleDelete = await call(alice, DELETE, {
      method: "DELETE",
      url: `/x?etag=${encodeURIComponent(contact.etag)}`,
      params: { id: contact.id },
    });
    expect(staleDelete.status).toBe(409);

    const deleted = await call(alice, DELETE, {
      method: "DELETE",
      url: `/x?etag=${encodeURIComponent((updated.body.contact as Contact).etag)}`,
      params: { id: contact.id },
    });
    expect(deleted.status).toBe(204);
    const gone = await call(alice, GET, { method: "GET", url: "/x", params: { id: contact.id } });
    expect(gone.status).toBe(404);
  });

  it("answers 400 naming the problem for bad bodies, ids and ETags", async () => {
    const { POST } = await list();
    const { GET, PUT, DELETE } = await one();
    const cases: Array<[unknown, RegExp]> = [
      [{}, /name/],
      [{ name: "" }, /name/],
      [{ name: "x".repeat(201) }, /name/],
      [{ name: "a\nb" }, /name/],
      [{ name: "ok", emails: ["not-an-address"] }, /emails/],
      [{ name: "ok", emails: ["a@b.test\r\nBcc: x@y.test"] }, /emails/],
      [{ name: "ok", phones: ["call me"] }, /phones/],
      [{ name: "ok", emails: Array.from({ length: 11 }, (_, i) => `a${i}@b.test`) }, /emails/],
      [{ name: "ok", note: "x".repeat(2001) }, /note/],
      [{ name: "ok", extra: 1 }, /extra|unrecognized/i],
      [{ name: 5 }, /name/],
    ];
    for (const [body, message] of cases) {
      const answer = await call(alice, POST, { method: "POST", url: "/api/contacts", body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error?.message, JSON.stringify(body)).toMatch(message);
    }
    const notJson = await call(alice, POST, { method: "POST", url: "/api/contacts", rawBody: "{nope" });
    expect(notJson.status).toBe(400);
    const badId = await call(alice, GET, { method: "GET", url: "/x", params: { id: "../../etc" } });
    expect(badId.status).toBe(400);
    const badEtag = await call(alice, PUT, {
      method: "PUT",
      url: "/x",
      params: { id: "abc" },
      body: { etag: "no-quotes", name: "x" },
    });
    expect(badEtag.status).toBe(400);
    expect(badEtag.body.error?.message).toMatch(/etag/i);
    const noEtag = await call(alice, DELETE, { method: "DELETE", url: "/x", params: { id: "abc" } });
    expect(noEtag.status).toBe(400);
  });

  it("tells a user without a connected groupware account to connect it", async () => {
    const { GET } = await list();
    const answer = await call(bruno, GET, { method: "GET", url: "/api/contacts" });
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe("GROUPWARE_NOT_CONNECTED");
    expect((await call(null, GET, { method: "GET", url: "/api/contacts" })).status).toBe(401);
  });

  it("does not let a user read or change another user's contact", async () => {
    const { POST } = await list();
    const { GET, DELETE } = await one();
    const mine = (await call(alice, POST, { method: "POST", url: "/api/contacts", body: { name: "Secret" } })).body
      .contact as Contact;
    // Chloé needs an address book of her own for the id to be checked against.
    await call(chloe, POST, { method: "POST", url: "/api/contacts", body: { name: "Chloé's" } });
    expect((await call(chloe, GET, { method: "GET", url: "/x", params: { id: mine.id } })).status).toBe(404);
    const attempt = await call(chloe, DELETE, {
      method: "DELETE",
      url: `/x?etag=${encodeURIComponent(mine.etag)}`,
      params: { id: mine.id },
    });
    expect(attempt.status).toBe(404);
    expect((await call(alice, GET, { method: "GET", url: "/x", params: { id: mine.id } })).status).toBe(200);
  });
});
