/**
 * The Document Server's JWTs: HS256 with the shared secret (ONLYOFFICE_JWT_SECRET on the portal,
 * JWT_SECRET on the Document Server).
 *
 *   - the browser config: `config.token = sign(config without token)`;
 *   - requests to the command and conversion services: the body's `token` = sign(body);
 *   - callbacks from the Document Server carry a body `token` (payload = the callback itself) and
 *     a header `Authorization: Bearer <jwt>` whose payload is `{ "payload": <callback> }`.
 *
 * Only the claims of a verified token are trusted; the unsigned JSON around it is ignored.
 */
import "server-only";
import { SignJWT, jwtVerify } from "jose";

const encoder = new TextEncoder();

function keyOf(secret: string): Uint8Array {
  return encoder.encode(secret);
}

/** Signs a JSON object as the Document Server expects (HS256, the object's fields as claims). */
export async function signOnlyOfficePayload(payload: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(keyOf(secret));
}

/** The claims of a token signed with the secret, or null when it is malformed, forged or expired. */
export async function verifyOnlyOfficeToken(token: string, secret: string): Promise<Record<string, unknown> | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ["HS256"] });
    return payload as Record<string, unknown>;
  } catch {
    return null;
  }
}
