// POST /api/files/trash/purge { id } — deletes a trash entry for good → 204.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZOpaqueId, filesFor } from "@/server/files/http/json-route-support";

const ZBody = z.strictObject({ id: ZOpaqueId });

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) => {
  const { storage, context } = await filesFor(user, request);
  await storage.purgeFromTrash(context, body.id);
  return new Response(null, { status: 204 });
});
