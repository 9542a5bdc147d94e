// JWT checks of the OnlyOffice Document Server double, as the real server does them with
// JWT_ENABLED: HS256 with the shared secret; requests carry the token in the body (`token`) or in
// `Authorization: Bearer` with the body wrapped in `payload`.
import { SignJWT, jwtVerify } from "jose";

const encoder = new TextEncoder();

export async function signPayload(payload: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(encoder.encode(secret));
}

export async function verifyToken(token: string, secret: string): Promise<Record<string, unknown> | null> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ["HS256"] });
    return payload as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The verified request body: the body token's claims, else the header token's `payload`. */
export async function verifiedRequest(
  body: Record<string, unknown>,
  authorization: string | undefined,
  secret: string,
): Promise<Record<string, unknown> | null> {
  if (typeof body.token === "string") return verifyToken(body.token, secret);
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!bearer) return null;
  const claims = await verifyToken(bearer, secret);
  const payload = claims?.payload;
  return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : null;
}
