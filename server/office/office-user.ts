/**
 * The portal user a server-to-server call acts for. Editors call the portal without the user's
 * cookie (the Document Server downloads the file and posts its callbacks itself), carrying a token
 * that names the user and the session that opened the editor; the storage is then used as that
 * user, exactly as their own requests would (Nextcloud with that session's tokens).
 *
 * The session need not be active any more: a document closed just before signing out must still
 * be saved. A user deleted since gets null.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { sessions, users } from "@/server/db/schema";
import type { PortalUser } from "@/server/auth/portal-user";

export async function loadUserForServerCall(userId: string, sessionId: string): Promise<PortalUser | null> {
  const database = await db();
  const [user] = await database.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const [session] = await database
    .select({
      provider: sessions.provider,
      authMethods: sessions.authMethods,
      acr: sessions.acr,
      userId: sessions.userId,
    })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  const own = session?.userId === userId ? session : undefined;
  return {
    id: user.id,
    displayName: user.displayName,
    profession: user.profession,
    provider: own?.provider ?? "unknown",
    authMethods: own?.authMethods ?? [],
    acr: own?.acr ?? null,
    isAdmin: user.isAdmin,
    sessionId,
  };
}
