// GET /api/documents/people?q=… – people to share with (name or e-mail contains q)
import { withSession } from "@/server/http/with-session";
import { ZPeopleQuery } from "@/server/documents/document-schemas";
import { searchPeople } from "@/server/documents/sharing/search-people";

export const GET = withSession({ query: ZPeopleQuery }, async ({ user, query }) =>
  Response.json({ people: await searchPeople(user.id, query.q) }, { headers: { "cache-control": "no-store" } }),
);
