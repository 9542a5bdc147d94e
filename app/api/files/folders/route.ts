// POST /api/files/folders { path } — creates a folder → 201 FileEntry.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZUserPath } from "@/server/files/http/query";
import { filesFor } from "@/server/files/http/json-route-support";

const ZBody = z.strictObject({ path: ZUserPath });

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json(await storage.createFolder(context, body.path), { status: 201 });
});
