// GET /api/files/favourites → { entries } · POST /api/files/favourites { path, favourite } → 204.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZUserPath } from "@/server/files/http/query";
import { filesFor } from "@/server/files/http/json-route-support";

export const GET = withSession({}, async ({ user, request }) => {
  const { storage, context } = await filesFor(user, request);
  return Response.json(
    { entries: await storage.listFavourites(context) },
    { headers: { "cache-control": "no-store" } },
  );
});

const ZBody = z.strictObject({ path: ZUserPath, favourite: z.boolean() });

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) => {
  const { storage, context } = await filesFor(user, request);
  await storage.setFavourite(context, body.path, body.favourite);
  return new Response(null, { status: 204 });
});
