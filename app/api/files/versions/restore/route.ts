// POST /api/files/versions/restore { path, version } — makes a past version current → FileEntry.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZUserPath } from "@/server/files/http/query";
import { ZVersionId } from "@/server/files/http/version-content-route";
import { filesFor } from "@/server/files/http/json-route-support";

const ZBody = z.strictObject({ path: ZUserPath, version: ZVersionId });

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json(await storage.restoreVersion(context, body.path, body.version));
});
