// DELETE /api/files/shares/{id} — revokes a share link → 204, audit `files.share_revoked`.
import type { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZOpaqueId, auditFilesAction, filesFor } from "@/server/files/http/json-route-support";

export const DELETE = withSession<z.ZodUndefined, z.ZodUndefined, { id: string }>(
  {},
  async ({ user, request, params }) => {
    const id = ZOpaqueId.parse(params.id);
    const { storage, context } = await filesFor(user, request);
    await storage.revokeShareLink(context, id);
    await auditFilesAction("files.share_revoked", user, { type: "share", id });
    return new Response(null, { status: 204 });
  },
);
