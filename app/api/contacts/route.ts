// GET /api/contacts — the user's personal contacts (all address books), optionally filtered by
// ?q= (same matching as the people search), sorted by name.
// POST /api/contacts — creates a contact in the user's first address book (created if none).
import { z } from "zod";
import { ZContactFields } from "@/server/contacts/contact-input";
import { filterContacts } from "@/server/contacts/filter-contacts";
import { openUserAddressBooks } from "@/server/contacts/user-sources";
import { withSession } from "@/server/http/with-session";

const ZListQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(100, "at most 100 characters")
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain control characters")
    .optional(),
});

const noStore = { "cache-control": "private, no-store" };

export const GET = withSession({ query: ZListQuery }, async ({ user, query }) => {
  const books = await openUserAddressBooks(user);
  const contacts = filterContacts(await books.listContacts(), query.q ?? "");
  return Response.json(
    { contacts, addressBooks: (await books.addressBooks()).map((b) => b.name) },
    { headers: noStore },
  );
});

export const POST = withSession({ body: ZContactFields }, async ({ user, body }) => {
  const contact = await (await openUserAddressBooks(user)).createContact(body);
  return Response.json({ contact }, { status: 201, headers: noStore });
});
