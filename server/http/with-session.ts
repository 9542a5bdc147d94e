/**
 * The one wrapper for API route handlers. It resolves the signed-in user (401 without one; 403
 * when `requireAdmin` and the user is not an administrator), parses the query and JSON body with
 * the given zod schemas (400 naming the bad field), and maps any thrown error to a JSON answer
 * with no stack trace (server/errors.ts).
 *
 *   // GET /api/things?page=2 – list things
 *   export const GET = withSession({ query: ZListQuery }, async ({ user, query }) => Response.json(...));
 *
 * Rate limiting and other concerns compose as separate wrappers rather than options here.
 */
import "server-only";
import type { z } from "zod";
import { AppError, toErrorResponse } from "@/server/errors";
import { getCurrentUser } from "@/server/auth/current-user";
import type { PortalUser } from "@/server/auth/portal-user";

interface RouteOptions<TQuery extends z.ZodType, TBody extends z.ZodType> {
  query?: TQuery;
  body?: TBody;
  requireAdmin?: boolean;
}

interface RouteInput<TQuery, TBody, TParams> {
  user: PortalUser;
  request: Request;
  params: TParams;
  query: TQuery;
  body: TBody;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function withSession<
  TQuery extends z.ZodType = z.ZodUndefined,
  TBody extends z.ZodType = z.ZodUndefined,
  TParams = Record<string, string | string[]>,
>(
  options: RouteOptions<TQuery, TBody>,
  handler: (input: RouteInput<z.output<TQuery>, z.output<TBody>, TParams>) => Promise<Response>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError("UNAUTHENTICATED", { userMessage: "sign in first" });
      if (options.requireAdmin && !user.isAdmin)
        throw new AppError("FORBIDDEN", { userMessage: "administrators only" });
      const url = new URL(request.url);
      const query = options.query ? options.query.parse(Object.fromEntries(url.searchParams)) : undefined;
      let body: unknown;
      if (options.body) {
        if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) {
          throw new AppError("UNSUPPORTED_MEDIA_TYPE", { userMessage: "expected application/json" });
        }
        const raw: unknown = await request.json().catch(() => {
          throw new AppError("BAD_REQUEST", { userMessage: "body is not valid JSON" });
        });
        body = options.body.parse(raw);
      }
      return await handler({
        user,
        request,
        params: (await context.params) as TParams,
        query: query as z.output<TQuery>,
        body: body as z.output<TBody>,
      });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
