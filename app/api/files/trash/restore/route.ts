// POST /api/files/trash/restore { id } — back to its original path → FileEntry (409 if that path is taken).
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZOpaqueId, filesFor } from "@/server/files/http/json-route-support";

const ZBody = z.strictObject({ id: ZOpaqueId });

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json(await storage.restoreFromTrash(context, body.id));
});
