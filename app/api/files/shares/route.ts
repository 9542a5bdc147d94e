// GET /api/files/shares[?path=] → { shares: ShareLink[] } · POST /api/files/shares
// { path, access: "read"|"upload", password?, expiresOn? } → 201 ShareLink, audit `files.share_created`.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZUserPath } from "@/server/files/http/query";
import { auditFilesAction, filesFor } from "@/server/files/http/json-route-support";

const ZQuery = z.object({ path: ZUserPath.optional() });

export const GET = withSession({ query: ZQuery }, async ({ user, request, query }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json(
    { shares: await storage.listShareLinks(context, query.path) },
    { headers: { "cache-control": "no-store" } },
  );
});

/** Today as YYYY-MM-DD in UTC: an expiry date may not be in the past. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const ZBody = z.strictObject({
  path: ZUserPath,
  access: z.enum(["read", "upload"]),
  password: z.string().min(8, "password must have at least 8 characters").max(256).optional(),
  expiresOn: z.iso
    .date("expiresOn must be a date (YYYY-MM-DD)")
    .refine((value) => value >= today(), "expiresOn cannot be in the past")
    .optional(),
});

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) => {
  const { storage, context } = await filesFor(user, request);
  const link = await storage.createShareLink(context, body.path, {
    access: body.access,
    ...(body.password ? { password: body.password } : {}),
    ...(body.expiresOn ? { expiresOn: body.expiresOn } : {}),
  });
  await auditFilesAction(
    "files.share_created",
    user,
    { type: "share", id: link.id },
    { access: link.access, hasPassword: link.hasPassword, expiresOn: link.expiresOn },
  );
  return Response.json(link, { status: 201 });
});
