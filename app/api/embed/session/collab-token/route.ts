// POST /api/embed/session/collab-token {} → { token, expiresAt, role, readOnly, user, websocketPath, fallbackPath }
// The collaboration token of the embed session's ONE document (the same token and answer as
// /api/documents/{id}/collab-token, which only a portal session may call). The role is the
// session's (edit → editor, view → reader, capped by the user's current role); the collaboration
// server re-checks the role at each connection.
import { z } from "zod";
import { issueCollabToken } from "@/server/collab/collab-token";
import { env } from "@/server/env";
import { withEmbedSession } from "@/server/embed/ui-bridge/with-embed-session";

// The collaboration provider sends `{}` (or `{ link }` for share links, which an embed never has).
const ZBody = z.strictObject({});

export const POST = withEmbedSession({ body: ZBody }, async ({ session }) => {
  const config = env();
  const { token, expiresAt } = await issueCollabToken(
    {
      userId: session.userId,
      displayName: session.userDisplayName,
      documentId: session.documentId,
      role: session.role,
      linkId: null,
    },
    { secret: config.AUTH_SECRET, ttlSeconds: config.COLLAB_TOKEN_TTL_SECONDS },
  );
  return Response.json(
    {
      token,
      expiresAt: expiresAt.toISOString(),
      role: session.role,
      readOnly: session.role !== "editor",
      user: { id: session.userId, displayName: session.userDisplayName },
      websocketPath: `/collab/${session.documentId}`,
      fallbackPath: `/collab/http/${session.documentId}`,
    },
    { headers: { "cache-control": "no-store" } },
  );
});
