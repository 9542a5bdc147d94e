// GET /api/files/list?path=/ — a folder and its entries: { folder: FileEntry, entries: FileEntry[] }.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ROOT_PATH } from "@/server/files/paths";
import { ZUserPath } from "@/server/files/http/query";
import { filesFor } from "@/server/files/http/json-route-support";

const ZQuery = z.object({ path: ZUserPath.optional() });

export const GET = withSession({ query: ZQuery }, async ({ user, request, query }) => {
  const { storage, context } = await filesFor(user, request);
  const path = query.path ?? ROOT_PATH;
  const [folder, entries] = await Promise.all([storage.stat(context, path), storage.list(context, path)]);
  return Response.json({ folder, entries }, { headers: { "cache-control": "no-store" } });
});
