// GET /api/people?q=&limit= — the people search every module uses (mail recipients, agenda
// attendees, the contacts page): the directory and the user's contacts, merged
// (server/contacts/people-search.ts). Answers { people, unavailable, reasons? }.
import { z } from "zod";
import { searchPeople } from "@/server/contacts/people-search";
import { peopleSourcesFor } from "@/server/contacts/user-sources";
import { withSession } from "@/server/http/with-session";

const ZPeopleQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, "type at least 2 characters")
    .max(100, "at most 100 characters")
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain control characters"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const GET = withSession({ query: ZPeopleQuery }, async ({ user, query }) => {
  const result = await searchPeople(query.q, peopleSourcesFor(user), { limit: query.limit });
  return Response.json(result, { headers: { "cache-control": "private, no-store" } });
});
