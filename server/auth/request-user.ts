/**
 * The signed-in user of a request served outside Next (server/http/node-routes.ts), from the same
 * session cookie and the same session row as the pages (server/auth/current-user.ts).
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import { parseCookie } from "cookie";
import { sessionCookieName, userFromSessionCookie } from "@/server/auth/session-cookie";
import type { PortalUser } from "@/server/auth/portal-user";
import { AppError } from "@/server/errors";

export async function getRequestUser(req: IncomingMessage): Promise<PortalUser | null> {
  const name = sessionCookieName();
  const value = parseCookie(req.headers.cookie ?? "")[name];
  return value ? userFromSessionCookie(value) : null;
}

/** The signed-in user, or a 401 AppError. */
export async function requireRequestUser(req: IncomingMessage): Promise<PortalUser> {
  const user = await getRequestUser(req);
  if (!user) throw new AppError("UNAUTHENTICATED", { userMessage: "sign in first" });
  return user;
}
