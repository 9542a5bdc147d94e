// GET /api/files/recent?limit=20 — files most recently modified, newest first: { entries }.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { filesFor } from "@/server/files/http/json-route-support";

const ZQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const GET = withSession({ query: ZQuery }, async ({ user, request, query }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json(
    { entries: await storage.listRecent(context, query.limit) },
    { headers: { "cache-control": "no-store" } },
  );
});
