/**
 * The wrapper of the iframe's own API routes (app/api/embed/session/**): the embed cookie's session
 * (401 without one), the JSON body parsed with zod (400 naming the field), errors mapped to the
 * portal's JSON error body (server/errors.ts). The handler only ever gets the session's ONE
 * document: it has no way to name another.
 *
 * Cross-site requests are already refused by proxy.ts (the iframe's page is the portal's origin,
 * so its own fetches pass; the vendor's page cannot POST here with the cookie).
 */
import "server-only";
import type { z } from "zod";
import { AppError, toErrorResponse } from "@/server/errors";
import type { EmbedSession } from "@/server/embed/embed-session";
import { getCurrentEmbedSession } from "@/server/embed/ui-bridge/current-embed-session";

interface EmbedRouteInput<TBody> {
  session: EmbedSession;
  request: Request;
  body: TBody;
}

export function withEmbedSession<TBody extends z.ZodType>(
  options: { body: TBody },
  handler: (input: EmbedRouteInput<z.output<TBody>>) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const session = await getCurrentEmbedSession();
      if (!session)
        throw new AppError("UNAUTHENTICATED", { userMessage: "no active embed session (closed or expired)" });
      if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) {
        throw new AppError("UNSUPPORTED_MEDIA_TYPE", { userMessage: "expected application/json" });
      }
      const raw: unknown = await request.json().catch(() => {
        throw new AppError("BAD_REQUEST", { userMessage: "body is not valid JSON" });
      });
      const body = options.body.parse(raw);
      return await handler({ session, request, body });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
