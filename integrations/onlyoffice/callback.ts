/**
 * The Document Server's callbacks (POST to `editorConfig.callbackUrl`), verified before anything
 * else is read (API docs: callback-handler, signature/token-in-body and token-in-header).
 *
 * The callback arrives with the same content twice: as the JSON body's fields and as the claims of
 * the body's `token`, and (possibly trimmed of `history`) as `{ payload }` in the header token.
 * Only a verified token's claims are used; an unsigned callback, or one signed with another
 * secret, is refused before the file is touched.
 *
 * Statuses: 1 editing (users connect/disconnect), 2 ready to save (everyone closed), 3 save error,
 * 4 closed without changes, 6 force-saved while open, 7 force-save error.
 */
import "server-only";
import { z } from "zod";
import { verifyOnlyOfficeToken } from "@/integrations/onlyoffice/jwt";

export const ZCallback = z.object({
  key: z.string().regex(/^[0-9a-zA-Z\-._=]{1,128}$/, "not a document key"),
  status: z.number().int().min(0).max(7),
  url: z
    .url({ protocol: /^https?$/ })
    .max(4096)
    .optional(),
  changesurl: z.string().max(4096).optional(),
  filetype: z.string().max(16).optional(),
  users: z.array(z.string().max(256)).max(1000).optional(),
  actions: z
    .array(z.object({ type: z.number().int(), userid: z.string().max(256) }).loose())
    .max(1000)
    .optional(),
  forcesavetype: z.number().int().min(0).max(3).optional(),
  lastsave: z.string().max(64).optional(),
  notmodified: z.boolean().optional(),
});

export type TCallback = z.infer<typeof ZCallback>;

export type CallbackVerification =
  { ok: true; callback: TCallback } | { ok: false; reason: "unsigned" | "bad-signature" | "malformed" };

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/**
 * The callback a request carries, from its verified token: the body's `token` when present,
 * otherwise the header's (whose claims wrap the callback in `payload`).
 */
export async function verifyCallback(
  body: unknown,
  authorizationHeader: string | undefined,
  secret: string,
): Promise<CallbackVerification> {
  const bodyToken =
    typeof body === "object" && body !== null && typeof (body as { token?: unknown }).token === "string"
      ? (body as { token: string }).token
      : null;
  let claims: unknown;
  if (bodyToken) {
    const verified = await verifyOnlyOfficeToken(bodyToken, secret);
    if (!verified) return { ok: false, reason: "bad-signature" };
    claims = verified;
  } else {
    const headerToken = bearerToken(authorizationHeader);
    if (!headerToken) return { ok: false, reason: "unsigned" };
    const verified = await verifyOnlyOfficeToken(headerToken, secret);
    if (!verified) return { ok: false, reason: "bad-signature" };
    claims = verified.payload;
  }
  const parsed = ZCallback.safeParse(claims);
  return parsed.success ? { ok: true, callback: parsed.data } : { ok: false, reason: "malformed" };
}
