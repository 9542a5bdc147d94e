// GET /api/files/versions?path= — a file's past versions: { versions: FileVersion[] }.
// (Their content: GET /api/files/versions/content, a streaming route: server/files/http/.)
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZUserPath } from "@/server/files/http/query";
import { filesFor } from "@/server/files/http/json-route-support";

const ZQuery = z.object({ path: ZUserPath });

export const GET = withSession({ query: ZQuery }, async ({ user, request, query }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json(
    { versions: await storage.listVersions(context, query.path) },
    { headers: { "cache-control": "no-store" } },
  );
});
