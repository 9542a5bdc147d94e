/**
 * WOPI access tokens: what a WOPI client presents on every call instead of the user's cookie.
 *
 * A token is a JWT (HS256, key derived from AUTH_SECRET for this one purpose, so it can be neither
 * a session cookie nor any other portal token) naming the user (`sub`), the file (`fid`, the
 * storage's FileEntry.id), the permission (`perm`: view | edit) and a `jti`, valid until `exp`.
 * Compact JWS is base64url and dots only: it travels in `?access_token=` without escaping, and the
 * proof-key bytes (which include the URL as the client wrote it) are the same on both sides.
 *
 * Each issued token also has a `wopi_access_tokens` row (server/office/schema.ts), checked on
 * every call: that is what makes a token revocable (per token, per user and file, per session)
 * before its expiry, and it links the token to the session whose credentials reach the storage
 * (the `sid` is not put in the JWT, which the browser and the WOPI client both see).
 *
 * Lifetime: WOPI_TOKEN_TTL_SECONDS, 10 h by default as Microsoft advises for editing sessions: a
 * WOPI client cannot renew a token, and an expired one stops saves mid-document. Revocation, not
 * a short lifetime, is what ends access early.
 *
 * Tokens are secrets: never logged (the request log carries no query string; see
 * server/http/request-logger.ts), never put in a URL the browser shows (components/office/wopi-frame.tsx).
 */
import "server-only";
import { hkdfSync, randomUUID } from "node:crypto";
import { and, eq, isNull, lt, type SQL } from "drizzle-orm";
import type { PortalUser } from "@/server/auth/portal-user";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { Database } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { sessions, users } from "@/server/db/schema";
import { wopiAccessTokens, wopiUserInfo } from "@/server/office/schema";

export type WopiPermission = "view" | "edit";

export interface VerifiedWopiToken {
  jti: string;
  userId: string;
  sessionId: string;
  fileId: string;
  permission: WopiPermission;
  /** Expiry, ms since the epoch (= access_token_ttl). */
  expiresAt: number;
}

/**
 * Who a WOPI call acts for, read in ONE query with the token's row (the token, its user, the
 * session that opened the editor, the user's PutUserInfo string): CheckFileInfo is the hot path
 * of every editor, and each round trip counts under load. The session need not be active any
 * more (a document closed just after signing out must still be saved; revoking the tokens is
 * what ends access early): its provider and authentication methods are taken when it is still
 * there, as server/office/office-user.ts does for the OnlyOffice callbacks.
 */
export interface WopiCaller {
  grant: VerifiedWopiToken;
  user: PortalUser;
  /** The user's PutUserInfo value, "" when none. */
  userInfo: string;
}

export interface IssuedWopiToken {
  token: string;
  /** `access_token_ttl`: the absolute expiry in ms since the epoch (not a duration). */
  expiresAt: number;
}

export interface WopiTokenService {
  issue(input: {
    userId: string;
    sessionId: string;
    fileId: string;
    permission: WopiPermission;
  }): Promise<IssuedWopiToken>;
  /** The token's grant for this file; UNAUTHENTICATED when invalid, expired or revoked; NOT_FOUND for another file. */
  verify(token: string, fileId: string): Promise<VerifiedWopiToken>;
  /** `verify`, plus the user and their UserInfo (UNAUTHENTICATED when the user is gone). */
  authenticate(token: string, fileId: string): Promise<WopiCaller>;
  /** Revokes matching tokens now; returns how many. */
  revoke(filter: { jti: string } | { userId: string; fileId?: string } | { sessionId: string }): Promise<number>;
}

const AUDIENCE = "wopi";
const ISSUER = "portal";
/** Longer is not a token this service issued (and not worth an HMAC). */
const MAX_TOKEN_LENGTH = 2048;

export function wopiTokenKey(authSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", authSecret, "portal-wopi", "wopi-access-token", 32));
}

function invalid(reason: string): AppError {
  return new AppError("UNAUTHENTICATED", { userMessage: `the WOPI access token is ${reason}` });
}

export function createWopiTokenService(options: {
  authSecret: string;
  ttlSeconds: number;
  db: () => Promise<Database>;
  now?: () => number;
}): WopiTokenService {
  const key = wopiTokenKey(options.authSecret);
  const now = options.now ?? Date.now;

  async function authenticate(token: string, fileId: string): Promise<WopiCaller> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_.-]+$/.test(token))
      throw invalid("malformed");
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ["HS256"],
        audience: AUDIENCE,
        issuer: ISSUER,
        currentDate: new Date(now()),
        requiredClaims: ["sub", "jti", "exp"],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw invalid("expired");
      throw invalid("not valid");
    }
    const { sub, jti, exp, fid, perm } = payload;
    if (typeof sub !== "string" || typeof jti !== "string" || typeof exp !== "number" || typeof fid !== "string")
      throw invalid("not valid");
    if (perm !== "view" && perm !== "edit") throw invalid("not valid");
    if (fid !== fileId) throw new AppError("NOT_FOUND", { userMessage: "this access token is for another file" });
    const [row] = await (
      await options.db()
    )
      .select({ token: wopiAccessTokens, user: users, session: sessions, info: wopiUserInfo.info })
      .from(wopiAccessTokens)
      .innerJoin(users, eq(users.id, wopiAccessTokens.userId))
      .leftJoin(sessions, eq(sessions.id, wopiAccessTokens.sessionId))
      .leftJoin(wopiUserInfo, eq(wopiUserInfo.userId, wopiAccessTokens.userId))
      .where(eq(wopiAccessTokens.jti, jti))
      .limit(1);
    if (!row || row.token.userId !== sub || row.token.fileId !== fid) throw invalid("unknown");
    if (row.token.revokedAt !== null) throw invalid("revoked");
    const session = row.session?.userId === sub ? row.session : null;
    return {
      grant: { jti, userId: sub, sessionId: row.token.sessionId, fileId: fid, permission: perm, expiresAt: exp * 1000 },
      user: {
        id: row.user.id,
        displayName: row.user.displayName,
        profession: row.user.profession,
        provider: session?.provider ?? "unknown",
        authMethods: session?.authMethods ?? [],
        acr: session?.acr ?? null,
        isAdmin: row.user.isAdmin,
        sessionId: row.token.sessionId,
      },
      userInfo: row.info ?? "",
    };
  }

  return {
    async issue({ userId, sessionId, fileId, permission }) {
      const jti = randomUUID();
      const issuedAt = Math.floor(now() / 1000);
      const exp = issuedAt + options.ttlSeconds;
      const token = await new SignJWT({ fid: fileId, perm: permission })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(userId)
        .setJti(jti)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(exp)
        .sign(key);
      const database = await options.db();
      // Rows of tokens expired for a day are of no use: trimmed as new ones are issued.
      await database.delete(wopiAccessTokens).where(lt(wopiAccessTokens.expiresAt, new Date(now() - 86_400_000)));
      await database.insert(wopiAccessTokens).values({
        jti,
        userId,
        sessionId,
        fileId,
        permission,
        expiresAt: new Date(exp * 1000),
      });
      return { token, expiresAt: exp * 1000 };
    },

    async verify(token, fileId) {
      return (await authenticate(token, fileId)).grant;
    },

    authenticate,

    async revoke(filter) {
      let where: SQL | undefined;
      if ("jti" in filter) where = eq(wopiAccessTokens.jti, filter.jti);
      else if ("sessionId" in filter) where = eq(wopiAccessTokens.sessionId, filter.sessionId);
      else
        where = and(
          eq(wopiAccessTokens.userId, filter.userId),
          filter.fileId === undefined ? undefined : eq(wopiAccessTokens.fileId, filter.fileId),
        );
      const revoked = await (
        await options.db()
      )
        .update(wopiAccessTokens)
        .set({ revokedAt: new Date(now()) })
        .where(and(where, isNull(wopiAccessTokens.revokedAt)))
        .returning({ jti: wopiAccessTokens.jti });
      return revoked.length;
    },
  };
}
