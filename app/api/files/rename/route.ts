// POST /api/files/rename { path, name } — a new name in the same folder → FileEntry. Never overwrites.
import { z } from "zod";
import { AppError } from "@/server/errors";
import { withSession } from "@/server/http/with-session";
import { joinUserPath, parentOf } from "@/server/files/paths";
import { ZUserPath } from "@/server/files/http/query";
import { ZFileName, filesFor } from "@/server/files/http/json-route-support";

const ZBody = z.strictObject({ path: ZUserPath, name: ZFileName });

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) => {
  if (body.path === "/") throw new AppError("BAD_REQUEST", { userMessage: "the root folder cannot be renamed" });
  const target = joinUserPath(parentOf(body.path), body.name);
  const { storage, context } = await filesFor(user, request);
  return Response.json(await storage.move(context, body.path, target, { overwrite: false }));
});
