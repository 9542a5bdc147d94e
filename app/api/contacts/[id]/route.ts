// GET /api/contacts/<id> — one personal contact.
// PUT /api/contacts/<id> — { etag, ...fields }: replaces the shown fields (the rest of the vCard is
// kept); 409 when the contact changed since `etag`.
// DELETE /api/contacts/<id>?etag=… — 204; 409 when the contact changed since `etag`.
import { z } from "zod";
import { ZContactFields, ZEtag } from "@/server/contacts/contact-input";
import { openUserAddressBooks } from "@/server/contacts/user-sources";
import { withSession } from "@/server/http/with-session";

type Params = { id: string };

const ZId = z.string().regex(/^[A-Za-z0-9_-]{1,2000}$/, "invalid contact id");
const noStore = { "cache-control": "private, no-store" };

export const GET = withSession<z.ZodUndefined, z.ZodUndefined, Params>({}, async ({ user, params }) => {
  const id = ZId.parse(params.id);
  const contact = await (await openUserAddressBooks(user)).getContact(id);
  return Response.json({ contact }, { headers: noStore });
});

const ZUpdate = ZContactFields.extend({ etag: ZEtag });

export const PUT = withSession<z.ZodUndefined, typeof ZUpdate, Params>(
  { body: ZUpdate },
  async ({ user, params, body }) => {
    const id = ZId.parse(params.id);
    const { etag, ...fields } = body;
    const contact = await (await openUserAddressBooks(user)).updateContact(id, etag, fields);
    return Response.json({ contact }, { headers: noStore });
  },
);

const ZDeleteQuery = z.strictObject({ etag: ZEtag });

export const DELETE = withSession<typeof ZDeleteQuery, z.ZodUndefined, Params>(
  { query: ZDeleteQuery },
  async ({ user, params, query }) => {
    const id = ZId.parse(params.id);
    await (await openUserAddressBooks(user)).deleteContact(id, query.etag);
    return new Response(null, { status: 204 });
  },
);
