// GET /api/files/trash — what the user deleted: { entries: TrashEntry[] }.
import { withSession } from "@/server/http/with-session";
import { filesFor } from "@/server/files/http/json-route-support";

export const GET = withSession({}, async ({ user, request }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json({ entries: await storage.listTrash(context) }, { headers: { "cache-control": "no-store" } });
});
