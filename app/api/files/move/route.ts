// POST /api/files/move { from, to, overwrite? } — moves a file or folder → FileEntry at its new path.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZUserPath } from "@/server/files/http/query";
import { filesFor } from "@/server/files/http/json-route-support";

const ZBody = z.strictObject({ from: ZUserPath, to: ZUserPath, overwrite: z.boolean().optional() });

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json(await storage.move(context, body.from, body.to, { overwrite: body.overwrite ?? false }));
});
