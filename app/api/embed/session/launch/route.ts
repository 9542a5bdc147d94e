// POST /api/embed/session/launch { token, parentOrigin? } → { location } + the embed cookie
// The launch page (app/embed/v1/launch) sends the one-time token it read from its URL fragment:
// spent here (server/embed/embed-session.ts: single use, atomic), then the iframe gets its cookie
// (HttpOnly; Secure; SameSite=None; Partitioned — it lives inside a third-party iframe) and the
// editor's address. A reused, expired or unknown token: 401 with `reason` for a precise page.
import { z } from "zod";
import { requestMeta } from "@/server/auth/request-meta";
import {
  EmbedLaunchError,
  exchangeLaunchToken,
  recordEmbedEvent,
  serializeEmbedCookie,
} from "@/server/embed/embed-session";
import { clientAllowedOrigins } from "@/server/embed/clients";
import { chooseParentOrigin, embedEditorPath } from "@/server/embed/ui-bridge/embed-paths";
import { AppError, toErrorResponse } from "@/server/errors";

const ZBody = z.strictObject({
  token: z.string().min(1).max(256),
  /** The framing page's origin as the iframe sees it; kept only if it is one of the client's. */
  parentOrigin: z.string().max(300).optional(),
});

export async function POST(request: Request): Promise<Response> {
  try {
    if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", { userMessage: "expected application/json" });
    }
    const raw: unknown = await request.json().catch(() => {
      throw new AppError("BAD_REQUEST", { userMessage: "body is not valid JSON" });
    });
    const body = ZBody.parse(raw);
    const meta = await requestMeta();
    const launched = await exchangeLaunchToken(body.token, meta);
    await recordEmbedEvent(launched.sessionId, "opened", meta);
    const parent = chooseParentOrigin(body.parentOrigin, clientAllowedOrigins(launched.clientId));
    return Response.json(
      { location: embedEditorPath(launched.clientId, launched.documentId, parent), locale: launched.locale },
      {
        headers: {
          "cache-control": "no-store",
          "set-cookie": serializeEmbedCookie(launched.cookieValue, launched.expiresAt),
        },
      },
    );
  } catch (error) {
    if (error instanceof EmbedLaunchError) {
      return Response.json(
        { error: { code: error.code, message: error.userMessage, reason: error.reason } },
        { status: 401, headers: { "cache-control": "no-store" } },
      );
    }
    return toErrorResponse(error);
  }
}
