// POST /api/documents/{id}/collab-token { link?: string } → { token, issuedAt, expiresAt, role, readOnly, user, websocketPath, fallbackPath }
// The short-lived token a page presents to the collaboration server (server/collab/collab-token.ts),
// bound to this portal session: the server ends the connection when the session ends. The page
// asks again before it expires (the server requests it on the open connection).
// 404 for a document the user may not open (no enumeration of other people's documents).
import { z } from "zod";
import { issueCollabToken } from "@/server/collab/collab-token";
import { getDocumentRole, isDocumentId, resolveLinkToken, higherRole, roleAtLeast } from "@/server/documents/access";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { withSession } from "@/server/http/with-session";

const ZBody = z.strictObject({
  /** A share link's token, when the page was opened through one. */
  link: z.string().min(16).max(256).optional(),
});

export const POST = withSession<z.ZodUndefined, typeof ZBody, { id: string }>(
  { body: ZBody },
  async ({ user, params, body }) => {
    if (!isDocumentId(params.id))
      throw new AppError("BAD_REQUEST", { userMessage: "id: expected a document id (UUID)" });
    const own = await getDocumentRole(user.id, params.id);
    const link = body.link ? await resolveLinkToken(body.link) : null;
    const linkRole = link && link.documentId === params.id ? link.role : null;
    const role = higherRole(own, linkRole);
    if (!role || !roleAtLeast(role, "reader")) throw new AppError("NOT_FOUND", { userMessage: "no such document" });
    const config = env();
    const { token, issuedAt, expiresAt } = await issueCollabToken(
      {
        userId: user.id,
        displayName: user.displayName,
        documentId: params.id,
        role,
        // The link is re-checked at each connection only when it is what grants the role.
        linkId: link && linkRole && role === linkRole && role !== own ? link.linkId : null,
        sessionId: user.sessionId,
      },
      { secret: config.AUTH_SECRET, ttlSeconds: config.COLLAB_TOKEN_TTL_SECONDS },
    );
    return Response.json(
      {
        token,
        issuedAt: issuedAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
        role,
        readOnly: !roleAtLeast(role, "editor"),
        user: { id: user.id, displayName: user.displayName },
        websocketPath: `/collab/${params.id}`,
        fallbackPath: `/collab/http/${params.id}`,
      },
      { headers: { "cache-control": "no-store" } },
    );
  },
);
