/**
 * The embed session of the current request (a page or route handler inside Next), from the embed
 * cookie (server/embed/embed-session.ts). Null when there is no cookie or it opens nothing any more
 * (closed, cancelled, expired, access removed). This is the iframe's only credential: it is not a
 * portal session, and the portal's own pages and APIs never accept it.
 */
import "server-only";
import { cookies } from "next/headers";
import { EMBED_COOKIE_NAME, readEmbedSession, type EmbedSession } from "@/server/embed/embed-session";

export async function getCurrentEmbedSession(): Promise<EmbedSession | null> {
  const value = (await cookies()).get(EMBED_COOKIE_NAME)?.value;
  return value ? readEmbedSession(value) : null;
}
