// GET /api/files/search?q=…&limit=50 — files and folders whose name contains q: { entries }.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { filesFor } from "@/server/files/http/json-route-support";

const ZQuery = z.object({
  q: z.string().trim().min(1, "q is required").max(200, "q is at most 200 characters"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = withSession({ query: ZQuery }, async ({ user, request, query }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json(
    { entries: await storage.search(context, query.q, query.limit) },
    { headers: { "cache-control": "no-store" } },
  );
});
